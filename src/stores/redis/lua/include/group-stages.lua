-- Groups of stages. Every group script takes the same keys and leading arguments:
--   KEYS[1..4] the group's state, stages, jobs, undispatched; KEYS[5..] four per stage
--   (state, bits, parts, list) for the stage numbers in ARGV[5..4+n];
--   ARGV[1] ttl ms, ARGV[2] now ms, ARGV[3] keep-completed ms, ARGV[4] n.
-- Codes: -1 no group, -2 stale stage list (caller re-reads and retries), -3 no such job,
-- -4 group complete, -5 stage complete, -6 no such stage, -7 job not runnable.
local GROUP_STATUSES = {'pending', 'queued', 'running', 'pending_re_run', 'failed', 'successful'}

-- group_state: -1 when the group is missing, -4 when complete, else 0.
local function group_state()
  local completed = redis.call('hget', KEYS[1], 'completedAt')
  if not completed then return -1 end
  if completed ~= '' then return -4 end
  return 0
end

-- load_stages: the stages the caller passed, each with .exists; nil when the caller's list
-- misses a stored stage (stages are only added, so equal counts mean equal lists).
local function load_stages()
  local keys, n, stages, existing = KEYS, tonumber(ARGV[4]), {}, 0
  for i = 1, n do
    local base = 4 + (i - 1) * 4
    local stage = { number = ARGV[4 + i], state = keys[base + 1], bits = keys[base + 2],
      parts = keys[base + 3], list = keys[base + 4] }
    stage.exists = redis.call('zscore', keys[2], stage.number) ~= false
    if stage.exists then existing = existing + 1 end
    stages[i] = stage
  end
  if redis.call('zcard', keys[2]) ~= existing then return nil end
  return stages
end

-- stage_list_stale: true when the caller's list is not exactly the stored stages, for scripts
-- that only refresh the stages' keys. Callers pass stored stages only (but a stage about to be
-- created, which these scripts never take), so comparing counts suffices.
local function stage_list_stale()
  return redis.call('zcard', KEYS[2]) ~= tonumber(ARGV[4])
end

local function find_stage(stages, number)
  for _, stage in ipairs(stages) do
    if stage.number == number then return stage end
  end
  return nil
end

local function stage_status(state)
  local v = redis.call('hmget', state, 'closed', 'finished')
  if v[2] == '1' then return 'complete' end
  if v[1] == '1' then return 'running' end
  return 'pending'
end

local function create_stage(stage, now)
  redis.call('zadd', KEYS[2], tonumber(stage.number), stage.number)
  open_unit(stage.state, now)
  stage.exists = true
end

local function set_job_status(id, status)
  local old = redis.call('hget', KEYS[3], id .. ':st')
  redis.call('hset', KEYS[3], id .. ':st', status)
  redis.call('hincrby', KEYS[1], 'count:' .. old, -1)
  redis.call('hincrby', KEYS[1], 'count:' .. status, 1)
end

-- run_stage: closes a pending stage (now running) and queues its pending jobs into `queued`.
-- Returns 1 when the stage had nothing open, so it completed at once.
local function run_stage(stage, now, queued)
  for _, id in ipairs(redis.call('lrange', stage.list, 0, -1)) do
    if redis.call('hget', KEYS[3], id .. ':st') == 'pending' then
      set_job_status(id, 'queued')
      redis.call('zadd', KEYS[4], now, id)
      queued[#queued + 1] = id
    end
  end
  local _, last = close_unit(stage.state, now, '0')
  return last
end

-- advance: initiates the first incomplete stage; empty stages complete at once and the walk
-- goes on; a running stage stops it. Returns 1 when every stage is complete.
local function advance(stages, now, queued)
  for _, stage in ipairs(stages) do
    if stage.exists then
      local status = stage_status(stage.state)
      if status == 'running' then return 0 end
      if status == 'pending' and run_stage(stage, now, queued) == 0 then return 0 end
    end
  end
  return 1
end

-- refresh: every key lives ttl more, or keep-completed once the group is complete (0 deletes).
local function refresh()
  local ttl = ARGV[1]
  if redis.call('hget', KEYS[1], 'completedAt') ~= '' then ttl = ARGV[3] end
  for _, key in ipairs(KEYS) do
    if tonumber(ttl) == 0 then redis.call('del', key) else redis.call('pexpire', key, ttl) end
  end
end

-- add_job_record: appends a staged job's id and its stored fields (name, args, stage, status,
-- message, queue time, delay, run-at; missing ones as nil) to `out`, which it returns.
local function add_job_record(out, id)
  local v = redis.call('hmget', KEYS[3], id .. ':n', id .. ':a', id .. ':s', id .. ':st', id .. ':m',
    id .. ':q', id .. ':d', id .. ':r')
  out[#out + 1] = id
  for i = 1, 8 do out[#out + 1] = v[i] end
  return out
end

-- advance_reply: completes the group when done, refreshes, and returns
-- {1, done, description, createdAt, completedAt, six counts in GROUP_STATUSES order,
--  then per queued job its id and 8 fields (see add_job_record)}.
local function advance_reply(done, now, queued)
  if done == 1 then redis.call('hset', KEYS[1], 'completedAt', now) end
  local g = redis.call('hmget', KEYS[1], 'description', 'createdAt', 'completedAt')
  local out = {1, done, g[1], g[2], g[3]}
  for _, status in ipairs(GROUP_STATUSES) do
    out[#out + 1] = tonumber(redis.call('hget', KEYS[1], 'count:' .. status) or '0')
  end
  for _, id in ipairs(queued) do add_job_record(out, id) end
  refresh()
  return out
end
