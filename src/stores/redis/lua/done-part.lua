--[[ done-part
Settles one open part of a distributed job as succeeded or failed (domain/job-writes.ts
settlePart). The operation that settles the last open part of a closed job is told so, and
that operation repeated; nobody else ever is. An unknown or expired job, an unknown part or
a part already settled changes nothing.

The common call gives only the first three keys and costs one HMGET, one BITFIELD (or HGET
and HSET for a named part) and one HSET. When the settle could fire a signal, fail a part
or move the deadline, that call answers 'full' before writing anything and the store calls
again with all twelve keys.

KEYS[1] state         the job's hash: parts record, policy, counters (include job)
KEYS[2] bits          bitmap of dense parts: bit 2i = part i pushed, bit 2i+1 = part i open
KEYS[3] parts         hash of other parts: part -> 'o' open | 'd' settled
KEYS[4] failures      list of 'part\nreason', in the order parts failed
KEYS[5] batches       hash of the batches' records ('<index>:<field>') and 'op:<op>' -> index
KEYS[6] open-batches  set of the indices of batches whose part is open
KEYS[7] skipped       list of kept skipped outcomes
KEYS[8] errored       list of kept errored outcomes
KEYS[9] missing       list of kept missing outcomes
KEYS[10] callbacks    hash of registered callbacks (include outbox)
KEYS[11] outbox       hash of due callbacks, until confirmed
KEYS[12] summary      hash: the compact summary (a copy of the state at settled/stopped)
(the three-key call passes KEYS[1..3] only)

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the part's dense index, or -1 when it is kept in the parts hash
ARGV[4] the part
ARGV[5] outcome: 'succeeded' | 'failed'
ARGV[6] failure reason (ignored for 'succeeded')

Returns for the three-key call 0 when nothing was settled, 1 when the part was settled,
2 when nothing was settled but this operation finished the job before, or 'full'; for the
full call the job reply {removed, lastOfClosedUnit, ...} (include job).
]]
--#include clock
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include job

local now, op = clock_now(ARGV[1]), ARGV[2]
local index, part = tonumber(ARGV[3]), ARGV[4]

if #KEYS == 3 then
  local names = parts_field_names('')
  names[13], names[14], names[15] = 'expiresAt', 'ttlMs', 'denseEnd'
  local v = redis.call('hmget', KEYS[1], unpack(names))
  local r = parts_decode(KEYS[1], '', v)
  if not r or tonumber(v[13] or '0') <= now then return 0 end
  if ARGV[5] ~= 'succeeded' or tonumber(v[13]) - now < tonumber(v[14]) or (r.closed and r.open == 1) then
    return 'full'
  end
  if not job_take_part(KEYS[2], KEYS[3], index, part, tonumber(v[15])) then
    return (r.finish_op == op) and 2 or 0
  end
  parts_count_settled(r, 'succeeded', now, op)
  parts_write(r)
  return 1
end

local j = job_read(KEYS[1], now)
if not j then return job_reply({0, 0}, {}, {}, {}) end
if not job_take_part(KEYS[2], KEYS[3], index, part, j.dense_end) then
  return job_reply({0, (j.finish_op == op) and 1 or 0}, {}, {}, {})
end
local last, signals = parts_count_settled(j, ARGV[5], now, op)
if ARGV[5] == 'failed' then job_record_failure(j, KEYS, part, ARGV[6], now) end
local fired = {}
job_add_fired(fired, '', signals)
local refresh, due = job_finish(j, KEYS, now, fired, nil)
return job_reply({1, last}, refresh, fired, due)
