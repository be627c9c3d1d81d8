--[[ close-job
Seals a distributed job (creating it if needed, with the policy in ARGV[3..6]): no new parts
may be pushed. If every part is already settled, this operation finishes the job and is the
one told so; repeated, it is told so again (domain/job-writes.ts closeJob).

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

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] ttl ms, ARGV[4] summary ttl ms, ARGV[5] name, ARGV[6] description (creation only)

Returns the job reply {closedByThisCall, created, createdAt, lastOfClosedUnit, ...}.
]]
--#include clock
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include job

local now, op = clock_now(ARGV[1]), ARGV[2]
local j, created = job_open(KEYS, now, op, ARGV[3], ARGV[4], ARGV[5], ARGV[6])
job_begin(j, KEYS)
local closed_now, last, signals = parts_close(j, now, op)
if closed_now == 0 and not j.is_new then
  return job_reply({0, created, j.created_at, last}, {}, {}, {})
end
local fired = {}
job_add_fired(fired, '', signals)
local refresh, due = job_finish(j, KEYS, now, fired, nil)
return job_reply({closed_now, created, j.created_at, last}, refresh, fired, due)
