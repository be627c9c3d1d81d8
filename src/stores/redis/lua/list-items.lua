--[[ list-items
Reads one page of the items in a state, in one consistent step: waiting oldest first,
running by lease end, finished and failed by retention end. Writes nothing.

KEYS[1] meta      hash: createdAt, createOp, seq, policy, c:<op> and p:<op> (include queue-item)
KEYS[2] items     hash id -> item record JSON
KEYS[3] data      hash id -> data JSON
KEYS[4] outcome   hash id -> result or errors JSON
KEYS[5] waiting   list of waiting ids, oldest first
KEYS[6] running   sorted set id -> lease end
KEYS[7] finished  sorted set id -> retention end
KEYS[8] failed    sorted set id -> retention end
KEYS[9] signal    wake-up list for blocked pops

ARGV[1] clock ('' = the server's TIME)
ARGV[2] state
ARGV[3] offset
ARGV[4] limit

Returns {next offset or -1, id, record JSON, data JSON, outcome JSON or '', id, …}.
]]
--#include clock
--#include refusals
--#include queue-item
local k = queue_keys(KEYS)
local now, state = clock_now(ARGV[1]), ARGV[2]
local offset, limit = tonumber(ARGV[3]), tonumber(ARGV[4])

local ids
if state == 'waiting' then
  ids = redis.call('lrange', k.waiting, offset, offset + limit)
elseif state == 'running' then
  ids = redis.call('zrange', k.running, offset, offset + limit)
else
  ids = redis.call('zrangebyscore', k[state], '(' .. now, '+inf', 'LIMIT', offset, limit + 1)
end

local reply = {-1}
if #ids > limit then reply[1] = offset + limit end
for i = 1, math.min(#ids, limit) do
  local id = ids[i]
  local item = read_item(k.items, id, now)
  if item and item.state == state then
    reply[#reply + 1] = id
    reply[#reply + 1] = cjson.encode(item)
    reply[#reply + 1] = redis.call('hget', k.data, id)
    reply[#reply + 1] = redis.call('hget', k.outcome, id) or ''
  end
end
return reply
