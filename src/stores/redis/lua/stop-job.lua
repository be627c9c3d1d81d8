--[[ stop-job
Raises the stop flag of an existing job so that cooperating workers skip their parts
(domain/job-writes.ts stopJob). The first stop keeps its reason and fires `stopped`; a later
stop changes nothing; a job that does not exist is not created.

KEYS[1..12] the job's keys, in the order include/job.lua lists them

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] '1' when a reason follows, '0' for none
ARGV[4] the reason

Returns the job reply {found, stoppedByThisOperation, ...} (include job).
]]
--#include clock
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include job

local now, op = clock_now(ARGV[1]), ARGV[2]
local j = job_read(KEYS[1], now)
if not j then return job_reply({0, 0}, {}, {}, {}) end
if j.stopped then return job_reply({1, (j.stop_op == op) and 1 or 0}, {}, {}, {}) end
if ARGV[3] == '1' then job_set(j, 'stopReason', ARGV[4]) end
job_set(j, 'stopOp', op)
local _, signals = parts_stop(j, now, op)
local fired = {}
job_add_fired(fired, '', signals)
local refresh, due = job_finish(j, KEYS, now, fired, nil)
return job_reply({1, 1}, refresh, fired, due)
