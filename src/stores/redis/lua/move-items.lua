--[[ move-items
Moves those of the given items that are in one named set of a batch to another
(domain/batch-writes.ts moveItems). The batch's last operation repeated answers the same.

KEYS[1..12] the job's keys, in the order include/job.lua lists them
KEYS[13] items  the batch's items hash

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the batch index
ARGV[4] from: the set the items must be in
ARGV[5] to: the set they go to
ARGV[6..] item ids

Returns the job reply {moved, lastOfClosedUnit, ...} (include job); REFUSED.BATCH_NOT_FOUND or
REFUSED.BATCH_ITEMS_EXPIRED (nothing written).
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
if b.last_op == 'move:' .. op then return job_reply({batch_answer(b)[1], last}, {}, {}, {}) end
if batch_lost(b, KEYS[13], now) then return REFUSED.BATCH_ITEMS_EXPIRED end

local moved, seen = 0, {}
for i = 6, #ARGV do
  local id = ARGV[i]
  if not seen[id] and redis.call('hget', KEYS[13], id) == ARGV[4] then
    redis.call('hset', KEYS[13], id, ARGV[5])
    moved = moved + 1
  end
  seen[id] = true
end
batch_remember(b, 'move:' .. op, {moved})
batch_write(b)
local refresh, due = job_finish(j, KEYS, now, {}, nil)
return job_reply({moved, last}, refresh, {}, due)
