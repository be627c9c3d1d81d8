--[[ add-batch
Adds a batch of items to a job (creating the job if needed, with the policy in ARGV[3..6]):
the next index, its items pending, its part 'batch-<index>' pushed and, when asked, the job
closed (domain/batch-writes.ts addBatch). The caller names the index it expects (KEYS[13] is
that batch's items hash); when it is not the next one nothing is written and the next index
comes back, so the caller retries with the right key. The operation repeated answers the
index it added and adds nothing.

KEYS[1..12] the job's keys, in the order include/job.lua lists them
KEYS[13] items  the items hash of batch <expected index>

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] ttl ms, ARGV[4] summary ttl ms, ARGV[5] name, ARGV[6] description (creation only)
ARGV[7] the expected index
ARGV[8] '1' to close the job after adding
ARGV[9..] the batch's distinct item ids

Returns the job reply {created, createdAt, index, lastOfClosedUnit, ...} (include job);
{'index', next} when the expected index is not the next one; REFUSED.PUSH_AFTER_CLOSE or
REFUSED.BATCH_PART_TAKEN.
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
local j, created = job_open(KEYS, now, op, ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if not j.is_new then
  local known = redis.call('hget', KEYS[5], 'op:' .. op)
  if known then
    return job_reply({created, j.created_at, tonumber(known), (j.finish_op == op) and 1 or 0}, {}, {}, {})
  end
end
if j.closed then return REFUSED.PUSH_AFTER_CLOSE end
local index = j.batches
if index ~= tonumber(ARGV[7]) then return {'index', index} end
local part = 'batch-' .. index
if not j.is_new and redis.call('hexists', KEYS[3], part) == 1 then return REFUSED.BATCH_PART_TAKEN end
job_begin(j, KEYS)

local items = #ARGV - 8
redis.call('hset', KEYS[3], part, 'o')
parts_count_pushed(j, 1)
j.batches = index + 1
job_set(j, 'batches', j.batches)
j.totals.items = j.totals.items + items
job_set(j, 'items', j.totals.items)
batch_write(batch_new(KEYS[5], index, items, op))
redis.call('hset', KEYS[5], 'op:' .. op, index)
redis.call('sadd', KEYS[6], index)

local fired, last = {}, 0
if ARGV[8] == '1' then
  local _, signals
  _, last, signals = parts_close(j, now, op)
  job_add_fired(fired, '', signals)
end
local refresh, due = job_finish(j, KEYS, now, fired, nil)
batch_items_write(KEYS[13], ARGV, 9, #ARGV, j.expires_at, now)
expire_keys_at({KEYS[3], KEYS[5], KEYS[6]}, j.expires_at, now)
return job_reply({created, j.created_at, index, last}, refresh, fired, due)
