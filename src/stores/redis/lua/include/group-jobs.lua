-- Staged jobs in the group's jobs hash: '<id>:<field>' (n name, a args, s stage, st status,
-- m message, q queue time, d delay, r run-at, at attempts, t0 started, t1 finished, e error,
-- o last op, mo message op, qo the op that queued it) and 'op:<op>' -> the id an enqueue made.
-- Needs include group-unit.

-- The fields of a job record reply, in the order redis-stage-replies.ts reads them.
local JOB_RECORD = {'n', 'a', 's', 'st', 'm', 'q', 'd', 'r', 'at', 't0', 't1', 'e'}

local function job_fields(id, names)
  local out = {}
  for i, name in ipairs(names) do out[i] = id .. ':' .. name end
  return out
end

-- add_job_reply: appends a job's id and its encoded record fields to `out`.
local function add_job_reply(out, K, id)
  out[#out + 1] = id
  return add_hash_reply(out, K.jobs, job_fields(id, JOB_RECORD))
end

-- job_read: what a write needs of a job, or nil when the group has no such job.
local function job_read(K, id)
  local v = redis.call('hmget', K.jobs, id .. ':st', id .. ':s', id .. ':n', id .. ':o',
    id .. ':mo', id .. ':qo')
  if not v[1] then return nil end
  return { id = id, status = v[1], stage = v[2], name = v[3], last_op = v[4],
    message_op = v[5] or false, queue_op = v[6] or false }
end

-- job_set_status: moves a job to `status` (counts kept per status; the caller writes the field).
local function job_set_status(g, job, status)
  set_counts(g, job.status, -1)
  set_counts(g, status, 1)
  job.status = status
end

local function by_number(a, b) return tonumber(a) < tonumber(b) end

-- stage_job_ids: the ids of stage `n`'s jobs in enqueue order.
local function stage_job_ids(K, n)
  local ids = redis.call('zrange', K.order, n, n, 'BYSCORE')
  table.sort(ids, by_number)
  return ids
end

-- queued_by: the undispatched jobs queued by `op`, in enqueue order (domain undispatchedQueuedBy).
local function queued_by(K, op)
  local ids = {}
  for _, id in ipairs(redis.call('zrange', K.undispatched, 0, -1)) do
    if redis.call('hget', K.jobs, id .. ':qo') == op then ids[#ids + 1] = id end
  end
  table.sort(ids, by_number)
  return ids
end
