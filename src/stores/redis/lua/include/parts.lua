-- The one rule for units with parts (src/domain/parts.ts is the rule; needs include signals).
-- A parts record is a set of fields of one hash, each name prefixed by `pre` ('' for a job,
-- '<n>:' for stage n inside its group's hash): total, open, succeeded, failed, closed,
-- stopped ('0'/'1'), startedAt, finishOp and sig:<signal> (the time it fired).
-- parts_read loads it with one HMGET; the functions change the table and list the fields
-- they changed in r.dirty; parts_write stores them with one HSET.

local PARTS_FIELDS = {'total', 'open', 'succeeded', 'failed', 'closed', 'stopped', 'startedAt',
  'finishOp', 'sig:failed', 'sig:stopped', 'sig:settled', 'sig:succeeded'}

-- parts_field_names: the record's field names under `pre`, in PARTS_FIELDS order.
local function parts_field_names(pre)
  local names = {}
  for i, name in ipairs(PARTS_FIELDS) do names[i] = pre .. name end
  return names
end

-- parts_decode: the record from v[1..12], the values of parts_field_names(pre) (a caller
-- that reads more fields of the same hash appends them to the same HMGET); nil when absent.
local function parts_decode(hash, pre, v)
  if not v[5] then return nil end
  return { hash = hash, pre = pre, dirty = {},
    total = tonumber(v[1]), open = tonumber(v[2]), succeeded = tonumber(v[3]),
    failed = tonumber(v[4]), closed = v[5] == '1', stopped = v[6] == '1',
    started_at = v[7] and tonumber(v[7]) or false, finish_op = v[8] or false,
    fired = { failed = v[9], stopped = v[10], settled = v[11], succeeded = v[12] } }
end

-- parts_read: the record, or nil when the unit has no parts record under `pre`.
local function parts_read(hash, pre)
  return parts_decode(hash, pre, redis.call('hmget', hash, unpack(parts_field_names(pre))))
end

-- parts_new: an empty record under `pre` (not stored until parts_write).
local function parts_new(hash, pre)
  return { hash = hash, pre = pre, total = 0, open = 0, succeeded = 0, failed = 0,
    closed = false, stopped = false, started_at = false, finish_op = false, fired = {},
    dirty = { total = 0, open = 0, succeeded = 0, failed = 0, closed = '0', stopped = '0' } }
end

local function parts_set(r, field, value) r.dirty[field] = value end

-- parts_write: stores the changed fields with one HSET (nothing when none changed).
local function parts_write(r)
  local args = {}
  for field, value in pairs(r.dirty) do
    args[#args + 1] = r.pre .. field
    args[#args + 1] = value
  end
  if #args > 0 then redis.call('hset', r.hash, unpack(args)) end
  r.dirty = {}
end

-- parts_fire: records the due signals; returns last (0/1) and the list of fired signals.
local function parts_fire(r, now, op)
  local fired = due_signals(r.closed, r.open, r.failed, r.stopped, r.fired)
  local last = 0
  for _, signal in ipairs(fired) do
    r.fired[signal] = now
    parts_set(r, 'sig:' .. signal, now)
    if signal == 'settled' then last = 1 end
  end
  if last == 1 then
    r.finish_op = op
    parts_set(r, 'finishOp', op)
  elseif r.finish_op == op then
    last = 1
  end
  return last, fired
end

-- parts_count_pushed: counts `fresh` newly pushed parts.
local function parts_count_pushed(r, fresh)
  if fresh == 0 then return end
  r.total = r.total + fresh
  r.open = r.open + fresh
  parts_set(r, 'total', r.total)
  parts_set(r, 'open', r.open)
end

-- parts_close: seals the unit. Returns closed_now (0/1), last (0/1), fired signals.
local function parts_close(r, now, op)
  if r.closed then return 0, (r.finish_op == op) and 1 or 0, {} end
  r.closed = true
  parts_set(r, 'closed', '1')
  local last, fired = parts_fire(r, now, op)
  return 1, last, fired
end

-- parts_count_settled: counts one open part settled as 'succeeded' or 'failed'.
-- Returns last (0/1) and the fired signals.
local function parts_count_settled(r, outcome, now, op)
  r.open = r.open - 1
  r[outcome] = r[outcome] + 1
  parts_set(r, 'open', r.open)
  parts_set(r, outcome, r[outcome])
  if not r.started_at then
    r.started_at = now
    parts_set(r, 'startedAt', now)
  end
  return parts_fire(r, now, op)
end

-- parts_unchanged: the answer to an operation whose part was not open.
local function parts_unchanged(r, op)
  return (r.finish_op == op) and 1 or 0, {}
end

-- parts_stop: raises the stop flag; the first stop fires 'stopped'.
local function parts_stop(r, now, op)
  if not r.stopped then
    r.stopped = true
    parts_set(r, 'stopped', '1')
  end
  return parts_fire(r, now, op)
end
