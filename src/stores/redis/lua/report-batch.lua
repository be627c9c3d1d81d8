--[[ report-batch
Writes a tracker's outcomes for one batch in one step (domain/batch-writes.ts reportBatch).
Only ids still pending count (a re-run after a crash or a second tracker counts nothing
twice); each leaves the batch. Processed items become a counter; skipped, errored and missing
ids are kept in the job's outcome lists. When the tracker went through the whole batch and
nothing is left pending, the batch settles: its items hash goes and its part 'batch-<index>'
is settled by the one rule for parts (as failed when an item errored). The batch's last
operation repeated answers its first counts.

KEYS[1..12] the job's keys, in the order include/job.lua lists them
KEYS[13] items  the batch's items hash

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the batch index
ARGV[4] '1' when the tracker went through every pending item, '0' when it stopped early
ARGV[5] p, ARGV[6] s, ARGV[7] e, ARGV[8] m: how many ids of each kind follow
ARGV[9..] p processed ids, s skipped ids, e pairs (errored id, message), m missing ids

Returns the job reply {processed, skipped, errored, missing, remaining, settled,
lastOfClosedUnit, ...} (include job); REFUSED.BATCH_NOT_FOUND or REFUSED.BATCH_ITEMS_EXPIRED
(nothing written).
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
local index = tonumber(ARGV[3])
local b = batch_read(j, KEYS[5], index)
if not b then return REFUSED.BATCH_NOT_FOUND end
if b.last_op == 'report:' .. op then
  local answer = batch_answer(b)
  answer[7] = (j.finish_op == op) and 1 or 0
  return job_reply(answer, {}, {}, {})
end
if batch_lost(b, KEYS[13], now) then return REFUSED.BATCH_ITEMS_EXPIRED end

local items = KEYS[13]
local function take(id)
  if redis.call('hget', items, id) ~= 'pending' then return false end
  redis.call('hdel', items, id)
  return true
end
local function keep(list, id, message)
  redis.call('rpush', list, cjson.encode({index, id, message}))
end

local p, s, e, m = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local counts = {0, 0, 0, 0}
local at = 9
for i = at, at + p - 1 do
  if take(ARGV[i]) then counts[1] = counts[1] + 1 end
end
at = at + p
for i = at, at + s - 1 do
  if take(ARGV[i]) then counts[2] = counts[2] + 1; keep(KEYS[7], ARGV[i]) end
end
at = at + s
for i = at, at + 2 * e - 1, 2 do
  if take(ARGV[i]) then counts[3] = counts[3] + 1; keep(KEYS[8], ARGV[i], ARGV[i + 1]) end
end
at = at + 2 * e
for i = at, at + m - 1 do
  if take(ARGV[i]) then counts[4] = counts[4] + 1; keep(KEYS[9], ARGV[i]) end
end

local names = {'processed', 'skipped', 'errored', 'missing'}
for k, name in ipairs(names) do
  if counts[k] > 0 then
    j.totals[name] = j.totals[name] + counts[k]
    job_set(j, name, j.totals[name])
  end
end
b.errored = b.errored + counts[3]
b.dirty.errored = b.errored
if not b.started_at then
  b.started_at = now
  b.dirty.startedAt = now
end
if ARGV[4] ~= '1' then
  b.stopped = true
  b.dirty.stopped = '1'
end

local remaining = 0
for _, set in ipairs(redis.call('hvals', items)) do
  if set == 'pending' then remaining = remaining + 1 end
end
local job_signals = nil
if ARGV[4] == '1' and remaining == 0 then job_signals = batch_settle(j, b, KEYS, items, now, op) end
local fired = {}
batch_fire(b, now, fired)
job_add_fired(fired, '', job_signals or {})
local answer = {counts[1], counts[2], counts[3], counts[4], remaining, job_signals and 1 or 0}
batch_remember(b, 'report:' .. op, answer)
batch_write(b)
local refresh, due = job_finish(j, KEYS, now, fired, nil)
expire_keys_at({KEYS[7], KEYS[8], KEYS[9]}, j.expires_at, now)
answer[7] = (j.finish_op == op) and 1 or 0
return job_reply(answer, refresh, fired, due)
