-- A group's own fields (src/domain/group-unit.ts; the rules are src/domain/group-*.ts).
-- Every group script takes the same fixed keys whatever the number of stages (group_keys).
-- The state hash holds the group's fields, and each stage's parts record under '<n>:'
-- (include parts); the jobs hash holds '<id>:<field>' per staged job and 'op:<op>' -> id.
-- Needs includes expiry and outbox.

local GROUP_STATUSES = {'pending', 'queued', 'running', 'pending_re_run', 'failed', 'successful',
  'cancelled'}

-- What every write reads, in one HMGET.
local GROUP_CORE = {'createdAt', 'createOp', 'ttlMs', 'keepCompletedMs', 'summaryTtlMs',
  'expiresAt', 'sealed', 'seq', 'current', 'stageCount', 'startedAt', 'finishOp', 'stopped',
  'stopOp', 'initOp', 'ff:job', 'sig:succeeded', 'sig:settled', 'sig:failed', 'sig:stopped',
  'count:pending', 'count:queued', 'count:running', 'count:pending_re_run', 'count:failed',
  'count:successful', 'count:cancelled'}

-- What a group record is built from (src/stores/redis/redis-stage-replies.ts reads it in
-- this order), and what the summary hash copies (with finishOp and summaryExpiresAt).
local GROUP_RECORD = {'name', 'description', 'createdAt', 'ttlMs', 'keepCompletedMs',
  'summaryTtlMs', 'expiresAt', 'sealed', 'current', 'stageCount', 'startedAt', 'stopped',
  'stopReason', 'sig:succeeded', 'sig:settled', 'sig:failed', 'sig:stopped', 'count:pending',
  'count:queued', 'count:running', 'count:pending_re_run', 'count:failed', 'count:successful',
  'count:cancelled', 'ff:job', 'ff:stage', 'ff:name', 'ff:at', 'ff:error'}

local function group_keys(keys)
  return { state = keys[1], jobs = keys[2], stages = keys[3], order = keys[4],
    undispatched = keys[5], callbacks = keys[6], outbox = keys[7], summary = keys[8] }
end

-- The keys that live and die with the details (the outbox and summary outlive them).
local function detail_keys(K)
  return {K.state, K.jobs, K.stages, K.order, K.undispatched, K.callbacks}
end

local function num_or_false(v) return v and tonumber(v) or false end

-- group_read: the group's fields, or nil when it has no state (second value false) or its
-- deadline has passed (second value true: leftovers are still stored).
local function group_read(K, now)
  local v = redis.call('hmget', K.state, unpack(GROUP_CORE))
  if not v[1] then return nil, false end
  local g = { K = K, dirty = {}, fresh = {}, outbox_moved = false,
    created_at = tonumber(v[1]), create_op = v[2], ttl = tonumber(v[3]), keep = tonumber(v[4]),
    summary_ttl = tonumber(v[5]), expires_at = tonumber(v[6]), sealed = v[7] == '1',
    seq = tonumber(v[8]), current = v[9] ~= '' and v[9] or false, stage_count = tonumber(v[10]),
    started_at = num_or_false(v[11]), finish_op = v[12] or false, stopped = v[13] == '1',
    stop_op = v[14] or false, init_op = v[15] or false, has_failure = v[16] ~= false,
    sig = { succeeded = num_or_false(v[17]), settled = num_or_false(v[18]),
      failed = num_or_false(v[19]), stopped = num_or_false(v[20]) }, counts = {} }
  for i, status in ipairs(GROUP_STATUSES) do g.counts[status] = tonumber(v[20 + i]) end
  if g.expires_at <= now then return nil, true end
  return g
end

local function group_set(g, field, value) g.dirty[field] = value end

local function group_write(g)
  local args = {}
  for field, value in pairs(g.dirty) do
    args[#args + 1] = field
    args[#args + 1] = value
  end
  if #args > 0 then redis.call('hset', g.K.state, unpack(args)) end
  g.dirty = {}
end

local function group_settled(g) return g.sig.settled ~= false end

local function group_over(g) return g.stopped or group_settled(g) end

local function set_counts(g, status, delta)
  g.counts[status] = g.counts[status] + delta
  group_set(g, 'count:' .. status, g.counts[status])
end

local function outbox_deadline(g)
  return g.expires_at + math.max(g.summary_ttl, g.ttl)
end

-- outbox_expire: the outbox (when it holds entries) lives outbox_deadline.
local function outbox_expire(g, now)
  if redis.call('exists', g.K.outbox) == 0 then return end
  local deadline = outbox_deadline(g)
  redis.call('hset', g.K.outbox, 'expiresAt', deadline)
  redis.call('pexpire', g.K.outbox, deadline - now)
end

-- summary_write: copies the group's record into the summary hash, which lives summaryTtlMs
-- beyond the details (written once the group is over).
local function summary_write(g, now)
  if g.summary_ttl == 0 then return end
  local names = {unpack(GROUP_RECORD)}
  names[#names + 1] = 'finishOp'
  local v = redis.call('hmget', g.K.state, unpack(names))
  local args = {}
  for i, name in ipairs(names) do
    if v[i] then
      args[#args + 1] = name
      args[#args + 1] = v[i]
    end
  end
  local deadline = g.expires_at + g.summary_ttl
  redis.call('hset', g.K.summary, 'summaryExpiresAt', deadline, unpack(args))
  redis.call('pexpire', g.K.summary, deadline - now)
end

-- group_after_write: what every accepted write does last (domain afterWrite): extends the
-- deadline of a group that is not complete, gives keys this write created the deadline,
-- stores the changed fields, and the summary of a group that is over.
local function group_after_write(g, now)
  local moved = false
  if not group_settled(g) then
    local deadline = extended_expiry(g.expires_at, now, g.ttl)
    if deadline then
      g.expires_at = deadline
      group_set(g, 'expiresAt', deadline)
      moved = true
    end
  end
  group_write(g)
  if moved then
    expire_keys_at(detail_keys(g.K), g.expires_at, now)
    outbox_expire(g, now)
  else
    if #g.fresh > 0 then expire_keys_at(g.fresh, g.expires_at, now) end
    if g.outbox_moved then outbox_expire(g, now) end
  end
  if group_over(g) then summary_write(g, now) end
end

-- enc: a reply value: false (a null reply) for a missing field, else the value.
local function enc(v)
  if v == nil then return false end
  return v
end

-- add_hash_reply: appends the encoded values of `fields` of `hash` to `out`.
local function add_hash_reply(out, hash, fields)
  local v = redis.call('hmget', hash, unpack(fields))
  for i = 1, #fields do out[#out + 1] = enc(v[i]) end
  return out
end
