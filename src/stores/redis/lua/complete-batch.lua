--[[ complete-batch
Completes a batch without a tracker: drops its items (whatever sets are left) and settles
its part 'batch-<index>' by the one rule for parts, counting batchesDone once; item counters
are left as they are (domain/batch-writes.ts completeBatch). The batch's last operation
repeated answers the same.

KEYS[1..12] the job's keys, in the order include/job.lua lists them
KEYS[13] items  the batch's items hash

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the batch index

Returns the job reply {settled, lastOfClosedUnit, ...} (include job); REFUSED.BATCH_NOT_FOUND
or REFUSED.BATCH_ITEMS_EXPIRED (nothing written).
]]
--#include clock
--#include expiry
--#include refusals
--#include signals
--#include parts
--#include outbox
--#include job
--#include batch

local now, op = clock_now(ARGV[1]), ARGV[2]
local j = job_read(KEYS[1], now)
local b = batch_read(j, KEYS[5], tonumber(ARGV[3]))
if not b then return REFUSED.BATCH_NOT_FOUND end
if b.last_op == 'complete:' .. op then
  return job_reply({batch_answer(b)[1], (j.finish_op == op) and 1 or 0}, {}, {}, {})
end
if batch_lost(b, KEYS[13], now) then return REFUSED.BATCH_ITEMS_EXPIRED end

redis.call('del', KEYS[13])
local job_signals = batch_settle(j, b, KEYS, KEYS[13], now, op)
local fired = {}
batch_fire(b, now, fired)
job_add_fired(fired, '', job_signals or {})
local settled = job_signals and 1 or 0
batch_remember(b, 'complete:' .. op, {settled})
batch_write(b)
local refresh, due = job_finish(j, KEYS, now, fired, nil)
return job_reply({settled, (j.finish_op == op) and 1 or 0}, refresh, fired, due)
