--[[ set-job-ttl
Stores a new ttl in an existing job's policy and sets its deadline from now (ttl + ttl/2),
moving every key of the job with it (domain/job-writes.ts setJobTtl).

KEYS[1..12] the job's keys, in the order include/job.lua lists them

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
