--[[ close-job
Seals a distributed job (creating it if needed): no new parts may be pushed. If every part
is already settled, this call finishes the job and is the one caller told so.

KEYS[1] state  the job's hash
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash (TTL refresh only)

ARGV[1] ttl in ms
ARGV[2] now in ms

Returns {closedByThisCall, created, lastOfClosedUnit}, each 0 or 1.
]]
local state, bits, parts = KEYS[1], KEYS[2], KEYS[3]
local ttl, now = ARGV[1], ARGV[2]

local created = 0
local closed = redis.call('hget', state, 'closed')
if not closed then
  created = 1
  closed = '0'
  redis.call('hset', state, 'total', 0, 'open', 0, 'succeeded', 0, 'failed', 0,
    'closed', 0, 'finished', 0, 'stopped', 0, 'createdAt', now)
end

local closed_now, last = 0, 0
if closed ~= '1' then
  closed_now = 1
  redis.call('hset', state, 'closed', 1)
  if redis.call('hget', state, 'open') == '0' then
    redis.call('hset', state, 'finished', 1, 'finishedAt', now)
    last = 1
  end
end

redis.call('pexpire', state, ttl)
redis.call('pexpire', bits, ttl)
redis.call('pexpire', parts, ttl)
return {closed_now, created, last}
