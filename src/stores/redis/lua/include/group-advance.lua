-- Moving a group forward (src/domain/group-advance.ts is the rule). Stages are parts records
-- in the state hash under '<n>:' (include parts); the stages sorted set holds their numbers,
-- the order sorted set every job id scored by its stage; the group points at its current
-- stage, so advancing looks only at the stages after it.
-- Needs includes signals, parts, outbox, expiry, group-unit, group-jobs, group-stage.

-- record_fired: copies the callbacks of fired signals into the outbox; notes each in `fired`.
local function record_fired(g, scope, signals, now, fired)
  for _, signal in ipairs(signals) do
    local due = fire_callbacks(g.K.callbacks, g.K.outbox, scope, signal, now)
    if due == 1 then g.outbox_moved = true end
    fired[#fired + 1] = {scope, signal, due}
  end
end

-- fire_group_signals: the group's own due signals; `complete` when its last stage completed.
local function fire_group_signals(g, now, fired, complete)
  local settled = complete or group_settled(g)
  local due = due_signals(settled, settled and 0 or 1, g.counts.failed, g.stopped, g.sig)
  for _, signal in ipairs(due) do
    g.sig[signal] = now
    group_set(g, 'sig:' .. signal, now)
  end
  record_fired(g, '', due, now, fired)
end

-- Jobs handled per command when a stage's jobs are queued or answered (below Lua's unpack limit).
local CHUNK = 400

-- queue_pending: queues the pending ones of `ids`, a chunk per command; each queued job goes
-- into `queued` as {id, its JOB_RECORD values}, so the reply needs no second read.
local function queue_pending(g, ids, now, op, queued)
  local width = #JOB_RECORD
  for from = 1, #ids, CHUNK do
    local slice, names = {}, {}
    for i = from, math.min(from + CHUNK - 1, #ids) do
      slice[#slice + 1] = ids[i]
      for _, name in ipairs(JOB_RECORD) do names[#names + 1] = ids[i] .. ':' .. name end
    end
    local v = redis.call('hmget', g.K.jobs, unpack(names))
    local fields, scored = {}, {}
    for k, id in ipairs(slice) do
      local base = (k - 1) * width
      if v[base + 4] == 'pending' then
        local row = {id}
        for f = 1, width do row[f + 1] = v[base + f] end
        row[5] = 'queued'
        queued[#queued + 1] = row
        fields[#fields + 1] = id .. ':st'
        fields[#fields + 1] = 'queued'
        fields[#fields + 1] = id .. ':qo'
        fields[#fields + 1] = op
        scored[#scored + 1] = now
        scored[#scored + 1] = id
      end
    end
    if #scored > 0 then
      redis.call('hset', g.K.jobs, unpack(fields))
      redis.call('zadd', g.K.undispatched, unpack(scored))
      set_counts(g, 'pending', -#scored / 2)
      set_counts(g, 'queued', #scored / 2)
      g.fresh[#g.fresh + 1] = g.K.undispatched
    end
  end
end

-- run_stage: queues a pending stage's jobs (into `queued`) and closes it; true when that
-- completed it (it was empty).
local function run_stage(g, r, n, now, op, queued, fired)
  queue_pending(g, stage_job_ids(g.K, n), now, op, queued)
  local _, _, signals = parts_close(r, now, op)
  parts_write(r)
  record_fired(g, 'stage:' .. n, signals, now, fired)
  return r.fired.settled and true or false
end

-- advance: runs the stages from the current one on until one is left running (false) or
-- none is left (true: every stage is complete). A cancelled group does not advance.
local function advance(g, now, op, queued, fired)
  if g.stopped then return false end
  local n = g.current or stage_after(g, false)
  while n do
    local r = stage_read(g, n)
    local status = stage_status(g, r)
    if status == 'running' or (status == 'pending' and not run_stage(g, r, n, now, op, queued, fired)) then
      set_current(g, n)
      return false
    end
    local next_n = stage_after(g, n)
    if not next_n then set_current(g, n) end
    n = next_n
  end
  return true
end

-- complete_group: fires settled (and succeeded), keeps the details keepCompletedMs (0: deletes
-- them now), stores the summary. Returns the group record's encoded fields, read before.
local function complete_group(g, now, op, fired)
  fire_group_signals(g, now, fired, true)
  g.finish_op = op
  group_set(g, 'finishOp', op)
  g.expires_at = now + g.keep
  group_set(g, 'expiresAt', g.expires_at)
  group_write(g)
  summary_write(g, now)
  local record = add_hash_reply({}, g.K.state, GROUP_RECORD)
  if g.keep == 0 then
    for _, key in ipairs(detail_keys(g.K)) do redis.call('del', key) end
  else
    expire_keys_at(detail_keys(g.K), g.expires_at, now)
  end
  outbox_expire(g, now)
  return record
end

-- advance_reply: {1, #fired, then scope, signal, due per fired signal, completed (0/1), the
-- group record's GROUP_RECORD fields when completed, then per queued job its id and record
-- (`queued` holds rows {id, values...})}.
local function advance_reply(fired, record, queued)
  local out = {1, #fired}
  for _, f in ipairs(fired) do
    out[#out + 1] = f[1]
    out[#out + 1] = f[2]
    out[#out + 1] = f[3]
  end
  out[#out + 1] = record and 1 or 0
  if record then
    for _, v in ipairs(record) do out[#out + 1] = v end
  end
  for _, row in ipairs(queued) do
    for _, v in ipairs(row) do out[#out + 1] = v end
  end
  return out
end

-- advance_answer: the end of a write that moved the group (domain advanceAnswer).
local function advance_answer(g, now, op, fired, queued, complete)
  local record = nil
  if complete then
    record = complete_group(g, now, op, fired)
  else
    fire_group_signals(g, now, fired, false)
    group_after_write(g, now)
  end
  return advance_reply(fired, record, queued)
end

-- repeated_advance: a repeated op's answer: the jobs it queued still undispatched, its completion.
local function repeated_advance(g, op)
  local record = nil
  if g.finish_op == op then record = add_hash_reply({}, g.K.state, GROUP_RECORD) end
  local rows = {}
  local flat = add_jobs_reply({}, g.K, queued_by(g.K, op))
  for i = 1, #flat, #JOB_RECORD + 1 do
    local row = {}
    for f = 0, #JOB_RECORD do row[f + 1] = flat[i + f] end
    rows[#rows + 1] = row
  end
  return advance_reply({}, record, rows)
end

-- gone_or_repeat: for a group whose details are gone, the repeat of the op that completed it
-- (answered from the summary), else the refusal.
local function gone_or_repeat(K, op, now)
  local v = redis.call('hmget', K.summary, 'finishOp', 'summaryExpiresAt')
  if v[1] == op and v[2] and tonumber(v[2]) > now then
    return advance_reply({}, add_hash_reply({}, K.summary, GROUP_RECORD), {})
  end
  return {REFUSED.GROUP_NOT_FOUND}
end
