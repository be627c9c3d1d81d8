-- Staged jobs in the group's jobs hash: '<id>:<field>' (n name, a args, s stage, st status,
-- m message, q queue time, d delay, r run-at, at attempts, t0 started, t1 finished, e error,
-- c the queue item that carried its latest start (JSON {queue, id}), o last op, mo message op,
-- qo the op that queued it) and 'op:<op>' -> the id an enqueue made.
-- Needs include group-unit.

-- The fields of a job record reply, in the order redis-stage-replies.ts reads them.
local JOB_RECORD = {'n', 'a', 's', 'st', 'm', 'q', 'd', 'r', 'at', 't0', 't1', 'e', 'c'}

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

-- What a write reads of a job: its record fields, then its ops.
local JOB_READ = {'n', 'a', 's', 'st', 'm', 'q', 'd', 'r', 'at', 't0', 't1', 'e', 'c', 'o', 'mo', 'qo'}

-- job_read: a job's stored fields (in job.values) and what a write needs of them, or nil
-- when the group has no such job.
local function job_read(K, id)
  local v = redis.call('hmget', K.jobs, unpack(job_fields(id, JOB_READ)))
  if not v[4] then return nil end
  local job = { id = id, values = {} }
  for i, name in ipairs(JOB_READ) do job.values[name] = v[i] end
  job.name, job.stage, job.status, job.last_op = v[1], v[3], v[4], v[14]
  job.message_op, job.queue_op = v[15] or false, v[16] or false
  return job
end

-- job_reply: appends a job's id and its record fields from job.values (an empty string
-- reads as missing for the numbers and the error).
local function job_reply(out, job)
  out[#out + 1] = job.id
  for _, name in ipairs(JOB_RECORD) do out[#out + 1] = enc(job.values[name]) end
  return out
end

-- job_set_status: moves a job to `status` (counts kept per status; the caller writes the field).
local function job_set_status(g, job, status)
  set_counts(g, job.status, -1)
  set_counts(g, status, 1)
  job.status = status
end

local function by_number(a, b) return tonumber(a) < tonumber(b) end

-- stage_job_ids: the ids of stage `n`'s jobs in enqueue order (ids are whole numbers).
local function stage_job_ids(K, n)
  local ids = redis.call('zrange', K.order, n, n, 'BYSCORE')
  local numbers = {}
  for i, id in ipairs(ids) do numbers[i] = tonumber(id) end
  table.sort(numbers)
  for i, number in ipairs(numbers) do ids[i] = string.format('%d', number) end
  return ids
end

-- add_jobs_reply: appends each job's id and record fields, 400 jobs per HMGET.
local function add_jobs_reply(out, K, ids)
  for from = 1, #ids, 400 do
    local names, slice = {}, {}
    for i = from, math.min(from + 399, #ids) do
      slice[#slice + 1] = ids[i]
      for _, name in ipairs(JOB_RECORD) do names[#names + 1] = ids[i] .. ':' .. name end
    end
    local v = redis.call('hmget', K.jobs, unpack(names))
    for k, id in ipairs(slice) do
      out[#out + 1] = id
      for f = 1, #JOB_RECORD do out[#out + 1] = v[(k - 1) * #JOB_RECORD + f] end
    end
  end
  return out
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
