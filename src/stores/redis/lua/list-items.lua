--[[ list-items
Reads one page of the items in a state, in one consistent step: waiting oldest first,
running by lease end, finished and failed by retention end. Writes nothing.

KEYS[1] items    hash id -> item record JSON
KEYS[2] data     hash id -> data JSON
KEYS[3] outcome  hash id -> result or errors JSON
KEYS[4] index    the state's index: the waiting list or the state's sorted set

ARGV[1] state
ARGV[2] offset
ARGV[3] limit
ARGV[4] now in ms

Returns {next offset or -1, id, record JSON, data JSON, outcome JSON or '', id, …}.
]]
--#include queue-item
local index, state = KEYS[4], ARGV[1]
local offset, limit, now = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local ids
if state == 'waiting' then
  ids = redis.call('lrange', index, offset, offset + limit)
elseif state == 'running' then
  ids = redis.call('zrange', index, offset, offset + limit)
else
  ids = redis.call('zrangebyscore', index, '(' .. now, '+inf', 'LIMIT', offset, limit + 1)
end

local reply = {-1}
if #ids > limit then reply[1] = offset + limit end
for i = 1, math.min(#ids, limit) do
  local id = ids[i]
  local item = read_item(KEYS[1], id, now)
  if item and item.state == state then
    reply[#reply + 1] = id
    reply[#reply + 1] = cjson.encode(item)
    reply[#reply + 1] = redis.call('hget', KEYS[2], id)
    reply[#reply + 1] = redis.call('hget', KEYS[3], id) or ''
  end
end
return reply
