--[[ done-part
Settles one open part of a distributed job as succeeded or failed. The caller that settles
the last open part of a closed job is told so; nobody else ever is.
An unknown or expired job, an unknown part or a part already settled changes nothing.

KEYS[1] state  the job's hash
KEYS[2] bits   dense-part bitmap
KEYS[3] parts  other-parts hash

ARGV[1] ttl in ms
ARGV[2] now in ms
ARGV[3] the part's dense index, or -1 when it is kept in the parts hash
ARGV[4] the part
ARGV[5] outcome: 'succeeded' | 'failed' (the name of the counter to increment)
ARGV[6] failure reason (ignored for 'succeeded')

Returns {removed, lastOfClosedUnit}, each 0 or 1.
]]
local state, bits, parts = KEYS[1], KEYS[2], KEYS[3]
local ttl, now, index, part, outcome = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]

local closed = redis.call('hget', state, 'closed')
if not closed then return {0, 0} end

if index >= 0 then
  if redis.call('getbit', bits, index * 2 + 1) == 0 then return {0, 0} end
  redis.call('setbit', bits, index * 2 + 1, 0)
else
  if redis.call('hget', parts, part) ~= 'o' then return {0, 0} end
  redis.call('hset', parts, part, 'd')
end

local open = redis.call('hincrby', state, 'open', -1)
redis.call('hincrby', state, outcome, 1)
if outcome == 'failed' then redis.call('hset', state, 'fail:' .. part, ARGV[6]) end

local last = 0
if open == 0 and closed == '1' then
  redis.call('hset', state, 'finished', 1, 'finishedAt', now)
  last = 1
end

redis.call('pexpire', state, ttl)
redis.call('pexpire', bits, ttl)
redis.call('pexpire', parts, ttl)
return {1, last}
