--[[ remove-set
Removes every item of one named set from a batch (domain/batch-writes.ts removeSet). The
batch's last operation repeated answers the same.

KEYS[1..12] the job's keys, in the order include/job.lua lists them
KEYS[13] items  the batch's items hash

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the batch index
ARGV[4] the set to remove

Returns the job reply {removed, lastOfClosedUnit, ...} (include job); REFUSED.BATCH_NOT_FOUND
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
local last = (j.finish_op == op) and 1 or 0
if b.last_op == 'remove:' .. op then return job_reply({batch_answer(b)[1], last}, {}, {}, {}) end
if batch_lost(b, KEYS[13], now) then return REFUSED.BATCH_ITEMS_EXPIRED end

local all = redis.call('hgetall', KEYS[13])
local removed = 0
for i = 1, #all, 2 do
  if all[i] ~= '' and all[i + 1] == ARGV[4] then
    redis.call('hdel', KEYS[13], all[i])
    removed = removed + 1
  end
end
batch_remember(b, 'remove:' .. op, {removed})
batch_write(b)
local refresh, due = job_finish(j, KEYS, now, {}, nil)
return job_reply({removed, last}, refresh, {}, due)
