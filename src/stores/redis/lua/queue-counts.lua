--[[ queue-counts
Counts the items of each state in one consistent step; finished and failed items count
only while retained. Writes nothing.

KEYS[1] meta      the queue's hash: createdAt, seq
KEYS[2] waiting   list of waiting ids
KEYS[3] running   sorted set id -> lease end
KEYS[4] finished  sorted set id -> retention end
KEYS[5] failed    sorted set id -> retention end

ARGV[1] now in ms

Returns {createdAt, waiting, running, finished, failed}, or {} when the queue does not exist.
]]
local created = redis.call('hget', KEYS[1], 'createdAt')
if not created then return {} end
local alive = '(' .. ARGV[1]
return {tonumber(created), redis.call('llen', KEYS[2]), redis.call('zcard', KEYS[3]),
  redis.call('zcount', KEYS[4], alive, '+inf'), redis.call('zcount', KEYS[5], alive, '+inf')}
