--[[ write-status
Applies one patch to a status (creating it, as queued, if needed): state transition with its
timestamps, total, absolute progress, progress increment, progress = total, custom fields.
Refreshes the TTL and publishes {"id","rev"} on the status's channel, all in this one step,
so a watcher that sees the notice always reads a state at least as new as it.

KEYS[1] status  the status's hash

ARGV[1] ttl in ms
ARGV[2] now in ms
ARGV[3] channel to publish the change notice on
ARGV[4] the status id (for the notice)
ARGV[5] new state, or '' to keep it
ARGV[6] total, or '' to keep it
ARGV[7] absolute progress, or '' to keep it
ARGV[8] progress increment (an integer, may be negative or 0)
ARGV[9] '1' to set progress to the total after the above, else '0'
ARGV[10] the most bytes custom fields may take (names plus JSON values)
ARGV[11..] field name, JSON value pairs

Returns {1, created, rev, createdAt}, or {0, bytes} when the fields would take more than
ARGV[10] bytes (nothing is written).
]]
local key = KEYS[1]
local ttl, now, state = ARGV[1], ARGV[2], ARGV[5]

local bytes = tonumber(redis.call('hget', key, 'fieldBytes') or '0')
for i = 11, #ARGV, 2 do
  local old = redis.call('hstrlen', key, 'f:' .. ARGV[i])
  if old > 0 or redis.call('hexists', key, 'f:' .. ARGV[i]) == 1 then
    bytes = bytes - old - #ARGV[i]
  end
  bytes = bytes + #ARGV[i] + #ARGV[i + 1]
end
if bytes > tonumber(ARGV[10]) then return {0, bytes} end

local created = 0
local previous = redis.call('hget', key, 'status')
if not previous then
  created = 1
  previous = 'queued'
  redis.call('hset', key, 'status', 'queued', 'queuedAt', now, 'createdAt', now, 'rev', 0)
end

if state ~= '' and state ~= previous then
  redis.call('hset', key, 'status', state)
  if state == 'queued' then
    redis.call('hset', key, 'queuedAt', now)
    redis.call('hdel', key, 'startedAt', 'finishedAt')
  elseif state == 'working' then
    redis.call('hset', key, 'startedAt', now)
    redis.call('hdel', key, 'finishedAt')
  else
    redis.call('hset', key, 'finishedAt', now)
  end
end

if ARGV[6] ~= '' then redis.call('hset', key, 'total', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('hset', key, 'progress', ARGV[7]) end
if ARGV[8] ~= '0' then redis.call('hincrby', key, 'progress', ARGV[8]) end
if ARGV[9] == '1' then
  local total = redis.call('hget', key, 'total')
  if total then redis.call('hset', key, 'progress', total) end
end

for i = 11, #ARGV, 2 do
  redis.call('hset', key, 'f:' .. ARGV[i], ARGV[i + 1])
end
redis.call('hset', key, 'fieldBytes', bytes, 'updatedAt', now)
local rev = redis.call('hincrby', key, 'rev', 1)
redis.call('pexpire', key, ttl)
redis.call('publish', ARGV[3], cjson.encode({id = ARGV[4], rev = rev}))
return {1, created, rev, tonumber(redis.call('hget', key, 'createdAt'))}
