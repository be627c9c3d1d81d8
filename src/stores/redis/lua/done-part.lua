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

Returns 0 when nothing was settled, 1 when the part was settled, 2 when its settle also
finished the closed job (one integer: an array reply costs the client more to read).
]]
--#include settle-part

local removed, last = settle_part(KEYS[1], KEYS[2], KEYS[3], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6])
if removed == 1 then
  redis.call('pexpire', KEYS[1], ARGV[1])
  redis.call('pexpire', KEYS[2], ARGV[1])
  redis.call('pexpire', KEYS[3], ARGV[1])
end
return removed + last
