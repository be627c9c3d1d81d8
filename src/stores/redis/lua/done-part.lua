--[[ done-part
Settles one open part of a distributed job as succeeded, in the common case: the settle fires
no signal and the deadline need not move (domain/job-writes.ts settlePart; the rest of the
rule is settle-job-part.lua). One HMGET, one PTTL, one BITFIELD (or HGET and HSET for a named
part) and one HSET; nothing else is written. When the settle could fire a signal (the last
open part of a closed job) or the deadline must move, it answers 'full' before writing
anything and the store calls settle-job-part instead, as it does for the job's first settle
(which records startedAt). Time is judged without TIME: by the state key's PTTL against the
ttl (the state is set to expire at the deadline whenever it moves), or, with a test clock,
by comparing its time with `refreshAt` (expiresAt - ttl: from then on a write moves the
deadline). An unknown job, an unknown part or a part already settled changes nothing.

KEYS[1] state  the job's hash (include job)
KEYS[2] bits   bitmap of dense parts: bit 2i = part i pushed, bit 2i+1 = part i open
KEYS[3] parts  hash of other parts: part -> 'o' open | 'd' settled

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the part's dense index, or -1 when it is kept in the parts hash
ARGV[4] the part

Returns 0 when nothing was settled, 1 when the part was settled, 2 when nothing was settled
but this operation had finished the job, or 'full' (nothing written).
]]
local v = redis.call('hmget', KEYS[1], 'closed', 'open', 'succeeded', 'startedAt', 'refreshAt',
  'ttlMs', 'denseEnd')
if not v[1] then return 0 end
local stale
if ARGV[1] == '' then
  stale = redis.call('pttl', KEYS[1]) < tonumber(v[6] or '0')
else
  stale = tonumber(ARGV[1]) >= tonumber(v[5] or '0')
end
local open = tonumber(v[2])
if stale or not v[4] or v[4] == '' or (v[1] == '1' and open == 1) then return 'full' end

local index = tonumber(ARGV[3])
local taken
if index >= 0 then
  taken = index < tonumber(v[7]) and
    redis.call('bitfield', KEYS[2], 'SET', 'u1', index * 2 + 1, 0)[1] == 1
elseif redis.call('hget', KEYS[3], ARGV[4]) == 'o' then
  redis.call('hset', KEYS[3], ARGV[4], 'd')
  taken = true
end
if not taken then return (redis.call('hget', KEYS[1], 'finishOp') == ARGV[2]) and 2 or 0 end
redis.call('hset', KEYS[1], 'open', open - 1, 'succeeded', tonumber(v[3]) + 1)
return 1
