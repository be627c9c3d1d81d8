--[[ set-job-ttl
Stores a new ttl in an existing job's policy and sets its deadline from now (ttl + ttl/2),
moving every key of the job with it (domain/job-writes.ts setJobTtl).

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
ARGV[3] the new ttl in ms

Returns the job reply {expiresAt, ...} (include job), or REFUSED.JOB_NOT_FOUND.
]]
--#include clock
--#include expiry
--#include refusals
--#include signals
--#include parts
--#include outbox
--#include job

local now = clock_now(ARGV[1])
local j = job_read(KEYS[1], now)
if not j then return REFUSED.JOB_NOT_FOUND end
j.ttl = tonumber(ARGV[3])
job_set(j, 'ttlMs', ARGV[3])
local refresh, due = job_finish(j, KEYS, now, {}, now + j.ttl + math.floor(j.ttl / 2))
return job_reply({j.expires_at}, refresh, {}, due)
