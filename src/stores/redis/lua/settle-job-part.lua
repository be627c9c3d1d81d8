--[[ settle-job-part
Settles one open part of a distributed job as succeeded or failed, with every key of the job
(domain/job-writes.ts settlePart): the call done-part hands over when the settle could fire a
signal or move the deadline, and every fail(). The operation that settles the last open part
of a closed job is told so, and that operation repeated; nobody else ever is. An unknown or
expired job, an unknown part or a part already settled changes nothing.

KEYS[1..12] the job's keys, in the order include/job.lua lists them

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
