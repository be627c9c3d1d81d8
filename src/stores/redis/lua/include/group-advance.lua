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

-- run_stage: queues a pending stage's jobs (into `queued`) and closes it; true when that
-- completed it (it was empty).
local function run_stage(g, r, n, now, op, queued, fired)
  for _, id in ipairs(stage_job_ids(g.K, n)) do
    if redis.call('hget', g.K.jobs, id .. ':st') == 'pending' then
      set_counts(g, 'pending', -1)
      set_counts(g, 'queued', 1)
      redis.call('hset', g.K.jobs, id .. ':st', 'queued', id .. ':qo', op, id .. ':o', op)
      redis.call('zadd', g.K.undispatched, now, id)
      queued[#queued + 1] = id
    end
  end
  if #queued > 0 then g.fresh[#g.fresh + 1] = g.K.undispatched end
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
-- group record's GROUP_RECORD fields when completed, then per queued job its id and record}.
local function advance_reply(K, fired, record, queued)
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
  for _, id in ipairs(queued) do add_job_reply(out, K, id) end
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
  return advance_reply(g.K, fired, record, queued)
end

-- repeated_advance: a repeated op's answer: the jobs it queued still undispatched, its completion.
local function repeated_advance(g, op)
  local record = nil
  if g.finish_op == op then record = add_hash_reply({}, g.K.state, GROUP_RECORD) end
  return advance_reply(g.K, {}, record, queued_by(g.K, op))
end

-- gone_or_repeat: for a group whose details are gone, the repeat of the op that completed it
-- (answered from the summary), else the refusal.
local function gone_or_repeat(K, op, now)
  local v = redis.call('hmget', K.summary, 'finishOp', 'summaryExpiresAt')
  if v[1] == op and v[2] and tonumber(v[2]) > now then
    return advance_reply(K, {}, add_hash_reply({}, K.summary, GROUP_RECORD), {})
  end
  return {REFUSED.GROUP_NOT_FOUND}
end
