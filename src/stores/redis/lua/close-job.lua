--[[ close-job
Seals a distributed job (creating it if needed, with the policy in ARGV[3..6]): no new parts
may be pushed. If every part is already settled, this operation finishes the job and is the
one told so; repeated, it is told so again (domain/job-writes.ts closeJob).

KEYS[1..12] the job's keys, in the order include/job.lua lists them

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
