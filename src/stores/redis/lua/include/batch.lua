-- A job's batches in Redis (src/domain/batch-record.ts and batch-writes.ts are the rules;
-- needs includes signals, parts, job). Each batch's record is a set of fields `<index>:<name>`
-- of the job's batches hash (BATCH_FIELDS), which also maps `op:<op>` to the index the
-- operation added. A batch's items are its own hash: item id -> set name, plus the field ''
-- holding the deadline the items were last set to expire at (item ids are never empty).
-- The open batches' indices are the job's open-batches set.

local BATCH_FIELDS = {'op', 'items', 'errored', 'settled', 'stopped', 'startedAt', 'sig:failed',
  'sig:stopped', 'sig:settled', 'sig:succeeded', 'lastOp', 'lastAnswer'}

-- batch_read: the batch's record, or nil when the job has no batch `index`.
local function batch_read(j, hash, index)
  if not j or index >= j.batches then return nil end
  local pre = index .. ':'
  local names = {}
  for i, field in ipairs(BATCH_FIELDS) do names[i] = pre .. field end
  local v = redis.call('hmget', hash, unpack(names))
  if not v[1] then return nil end
  return { hash = hash, pre = pre, index = index, dirty = {}, op = v[1], items = tonumber(v[2]),
    errored = tonumber(v[3]), settled = v[4] == '1', stopped = v[5] == '1',
    started_at = v[6] or false,
    fired = { failed = v[7], stopped = v[8], settled = v[9], succeeded = v[10] },
    last_op = v[11] or false, last_answer = v[12] or false }
end

-- batch_new: the record of a batch added now (written by batch_write).
local function batch_new(hash, index, items, op)
  return { hash = hash, pre = index .. ':', index = index, op = op, items = items, errored = 0,
    settled = false, stopped = false, started_at = false, fired = {}, last_op = false,
    last_answer = false,
    dirty = { op = op, items = items, errored = 0, settled = '0', stopped = '0' } }
end

local function batch_write(b)
  local args = {}
  for field, value in pairs(b.dirty) do
    args[#args + 1] = b.pre .. field
    args[#args + 1] = value
  end
  if #args > 0 then redis.call('hset', b.hash, unpack(args)) end
  b.dirty = {}
end

-- batch_lost: true when the items of an open batch are gone (the hash or its deadline).
local function batch_lost(b, items, now)
  if b.settled then return false end
  local deadline = redis.call('hget', items, '')
  return not deadline or tonumber(deadline) <= now
end

-- batch_answer: the numbers the batch's last write answered.
local function batch_answer(b)
  local out = {}
  for n in string.gmatch(b.last_answer or '', '[^,]+') do out[#out + 1] = tonumber(n) end
  return out
end

-- batch_remember: keeps the batch's last write as '<kind>:<op>' and its answer (an op reused by
-- another kind of write is a new write, not a repeat).
local function batch_remember(b, last_op, answer)
  b.last_op, b.last_answer = last_op, table.concat(answer, ',')
  b.dirty.lastOp, b.dirty.lastAnswer = last_op, b.last_answer
end

-- batch_fire: records the batch's due signals at `now` into `fired` (scope 'batch:<index>').
local function batch_fire(b, now, fired)
  local due = due_signals(true, b.settled and 0 or 1, b.errored, b.stopped, b.fired)
  for _, signal in ipairs(due) do
    b.fired[signal] = now
    b.dirty['sig:' .. signal] = now
  end
  job_add_fired(fired, 'batch:' .. b.index, due)
end

-- batch_settle: settles the batch and its part of the job (failed when an item errored).
-- Returns the job's fired signals, or nil when the batch was settled before.
local function batch_settle(j, b, keys, items, now, op)
  if b.settled then return nil end
  b.settled = true
  b.dirty.settled = '1'
  redis.call('del', items)
  redis.call('srem', keys[6], b.index)
  j.batches_done = j.batches_done + 1
  job_set(j, 'batchesDone', j.batches_done)
  local part = 'batch-' .. b.index
  if redis.call('hget', keys[3], part) ~= 'o' then return {} end
  redis.call('hset', keys[3], part, 'd')
  local outcome = b.errored > 0 and 'failed' or 'succeeded'
  local _, signals = parts_count_settled(j, outcome, now, op)
  if outcome == 'failed' then job_record_failure(j, keys, part, 'items errored: ' .. b.errored, now) end
  return signals
end

-- batch_items_write: stores `ids` (ARGV positions from..to of the caller's `args`) as the
-- batch's pending items with the items' deadline, replacing whatever the hash held.
local function batch_items_write(items, args, from, to, deadline, now)
  redis.call('del', items)
  redis.call('hset', items, '', deadline)
  for i = from, to, 500 do
    local fields = {}
    for k = i, math.min(i + 499, to) do
      fields[#fields + 1] = args[k]
      fields[#fields + 1] = 'pending'
    end
    redis.call('hset', items, unpack(fields))
  end
  redis.call('pexpire', items, deadline - now)
end
