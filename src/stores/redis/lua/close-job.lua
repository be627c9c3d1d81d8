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
--#include open-unit

local state, bits, parts = KEYS[1], KEYS[2], KEYS[3]
local ttl, now = ARGV[1], ARGV[2]

local created, closed = open_unit(state, now)
local closed_now, last = close_unit(state, now, closed)

redis.call('pexpire', state, ttl)
redis.call('pexpire', bits, ttl)
redis.call('pexpire', parts, ttl)
return {closed_now, created, last}
