--[[ stop-job
Marks an existing distributed job as stopped so that cooperating workers skip their parts.

KEYS[1] state  the job's hash
KEYS[2] bits   dense-part bitmap (TTL refresh only)
KEYS[3] parts  other-parts hash (TTL refresh only)

ARGV[1] ttl in ms
ARGV[2] now in ms
ARGV[3] reason, or '' for none

Returns 1 when the job exists (now stopped), 0 when it does not (nothing written).
]]
local state, bits, parts = KEYS[1], KEYS[2], KEYS[3]

if redis.call('exists', state) == 0 then return 0 end
redis.call('hset', state, 'stopped', 1, 'stoppedAt', ARGV[2])
if ARGV[3] ~= '' then redis.call('hset', state, 'stopReason', ARGV[3]) end

redis.call('pexpire', state, ARGV[1])
redis.call('pexpire', bits, ARGV[1])
redis.call('pexpire', parts, ARGV[1])
return 1
