--[[ settle-job-part
Settles one open part of a distributed job as succeeded or failed, with every key of the job
(domain/job-writes.ts settlePart): the call done-part hands over when the settle could fire a
signal or move the deadline, and every fail(). The operation that settles the last open part
of a closed job is told so, and that operation repeated; nobody else ever is. An unknown or
expired job, an unknown part or a part already settled changes nothing.

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
ARGV[3] the part's dense index, or -1 when it is kept in the parts hash
ARGV[4] the part
ARGV[5] outcome: 'succeeded' | 'failed'
ARGV[6] failure reason (ignored for 'succeeded')

Returns the job reply {removed, lastOfClosedUnit, ...} (include job).
]]
--#include clock
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include job

local now, op = clock_now(ARGV[1]), ARGV[2]
local index, part = tonumber(ARGV[3]), ARGV[4]

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
