-- A distributed job in Redis (src/domain/job-record.ts and job-writes.ts are the rules; needs
-- includes expiry, signals, parts, outbox). Every job script takes the job's twelve keys first,
-- in this order (its header says KEYS[1..12]; `keys` below), then its own:
--   KEYS[1] state         the job's hash: parts record, policy, counters
--   KEYS[2] bits          bitmap of dense parts: bit 2i = part i pushed, bit 2i+1 = part i open
--   KEYS[3] parts         hash of other parts: part -> 'o' open | 'd' settled
--   KEYS[4] failures      list of 'part\nreason', in the order parts failed
--   KEYS[5] batches       hash of the batches' records ('<index>:<field>') and 'op:<op>' -> index
--   KEYS[6] open-batches  set of the indices of batches whose part is open
--   KEYS[7] skipped       list of kept skipped outcomes
--   KEYS[8] errored       list of kept errored outcomes
--   KEYS[9] missing       list of kept missing outcomes
--   KEYS[10] callbacks    hash of registered callbacks (include outbox)
--   KEYS[11] outbox       hash of due callbacks, until confirmed
--   KEYS[12] summary      hash: the compact summary (a copy of the state at settled/stopped)
-- The outbox's field '' holds the time it is kept until (it outlives the details by the
-- summary ttl, as the summary does). The state hash holds the parts record (include parts,
-- prefix '') and the fields of JOB_FIELDS; a job is absent once its expiresAt is reached,
-- whatever Redis still holds.

local JOB_FIELDS = {'ttlMs', 'summaryTtlMs', 'expiresAt', 'createOp', 'createdAt', 'name',
  'description', 'stopReason', 'stopOp', 'firstFailedPart', 'firstFailure', 'items',
  'processed', 'skipped', 'errored', 'missing', 'batches', 'batchesDone', 'batchesAt',
  'denseEnd'}
-- Besides them, `refreshAt` (expiresAt - ttl: from then on a write moves the deadline) lets
-- done-part judge its common case from fewer fields. A new job's hash starts with the fields
-- done-part reads (HOT_FIELDS, startedAt as '' until the first settle): a small hash is a
-- listpack, searched from its start, so they are found at once.
local HOT_FIELDS = {'closed', 'open', 'succeeded', 'startedAt', 'refreshAt', 'ttlMs', 'denseEnd'}

-- job_read: the live job, or nil; the second value is true when an expired job's state is
-- still there (its leftovers must go before the token is used again).
local function job_read(state, now)
  local names = parts_field_names('')
  for _, field in ipairs(JOB_FIELDS) do names[#names + 1] = field end
  local v = redis.call('hmget', state, unpack(names))
  local j = parts_decode(state, '', v)
  if not j then return nil, false end
  j.ttl, j.summary_ttl = tonumber(v[13]), tonumber(v[14])
  j.expires_at = tonumber(v[15] or '0')
  if j.expires_at <= now then return nil, true end
  j.create_op, j.created_at = v[16], tonumber(v[17])
  j.stop_op, j.first_failed = v[21] or false, v[22] or false
  j.totals = { items = tonumber(v[24]), processed = tonumber(v[25]), skipped = tonumber(v[26]),
    errored = tonumber(v[27]), missing = tonumber(v[28]) }
  j.batches, j.batches_done = tonumber(v[29]), tonumber(v[30])
  j.batches_at, j.dense_end = tonumber(v[31]), tonumber(v[32])
  return j, false
end

-- job_new: a job created at `now` by `op` with the creation policy (not stored until written).
local function job_new(state, now, op, ttl, summary_ttl, name, description)
  local j = parts_new(state, '')
  j.ttl, j.summary_ttl = tonumber(ttl), tonumber(summary_ttl)
  j.expires_at = now + j.ttl + math.floor(j.ttl / 2)
  j.create_op, j.created_at, j.stop_op, j.first_failed = op, now, false, false
  j.totals = { items = 0, processed = 0, skipped = 0, errored = 0, missing = 0 }
  j.batches, j.batches_done, j.batches_at, j.dense_end = 0, 0, j.expires_at, 0
  local d = j.dirty
  d.ttlMs, d.summaryTtlMs, d.expiresAt, d.createOp, d.createdAt = ttl, summary_ttl, j.expires_at, op, now
  d.refreshAt, d.startedAt = j.expires_at - j.ttl, ''
  if name ~= '' then d.name = name end
  if description ~= '' then d.description = description end
  d.items, d.processed, d.skipped, d.errored, d.missing = 0, 0, 0, 0, 0
  d.batches, d.batchesDone, d.batchesAt, d.denseEnd = 0, 0, j.expires_at, 0
  return j
end

-- job_open: the job for a write that may create it, with created (0/1: this operation created
-- it, a repeat included). A new job's j.is_new is true and j.leftovers says what of an earlier
-- job under the token must go ('all' or 'afterlife'); job_begin deletes it.
local function job_open(keys, now, op, ttl, summary_ttl, name, description)
  local j, leftovers = job_read(keys[1], now)
  if j then return j, (j.create_op == op) and 1 or 0 end
  j = job_new(keys[1], now, op, ttl, summary_ttl, name, description)
  j.is_new, j.leftovers = true, leftovers and 'all' or 'afterlife'
  return j, 1
end

-- job_begin: called by a creating write after its refusals, before its first write.
local function job_begin(j, keys)
  if j.leftovers == 'all' then redis.call('del', unpack(keys, 1, 12))
  elseif j.leftovers == 'afterlife' then redis.call('del', keys[11], keys[12]) end
  j.leftovers = false
end

local function job_set(j, field, value) parts_set(j, field, value) end

-- job_add_fired: appends {scope, signal} for each of `signals` to `fired`.
local function job_add_fired(fired, scope, signals)
  for _, signal in ipairs(signals) do fired[#fired + 1] = {scope, signal} end
end

-- job_record_failure: appends a failure to the job's list; the first is kept in the state.
local function job_record_failure(j, keys, part, reason, now)
  if redis.call('rpush', keys[4], part .. '\n' .. reason) == 1 then
    redis.call('pexpire', keys[4], j.expires_at - now)
  end
  if not j.first_failed then
    j.first_failed = part
    job_set(j, 'firstFailedPart', part)
    job_set(j, 'firstFailure', reason)
  end
end

-- job_finish: ends a write that changed the job (or created it): moves the deadline when less
-- than the ttl is left (or to `force`), makes the fired signals' callbacks due, stores the
-- record with one HSET, expires every key at the deadline when it moved, and stores the compact
-- summary when the job settled or stopped. Returns the open batches whose items must be moved
-- to the deadline (refresh-batches) and the due outbox fields.
local function job_finish(j, keys, now, fired, force)
  local moved = j.is_new
  local next = force or extended_expiry(j.expires_at, now, j.ttl)
  if next then
    j.expires_at, moved = next, true
    job_set(j, 'expiresAt', next)
    job_set(j, 'refreshAt', next - j.ttl)
  end
  local due, snapshot = {}, false
  for _, f in ipairs(fired) do
    if fire_callbacks(keys[10], keys[11], f[1], f[2], now) == 1 then due[#due + 1] = f[1] .. '|' .. f[2] end
    if f[1] == '' and (f[2] == 'settled' or f[2] == 'stopped') then snapshot = true end
  end
  local refresh = {}
  if j.batches_at ~= j.expires_at then
    if j.batches > j.batches_done then refresh = redis.call('smembers', keys[6])
    else
      j.batches_at = j.expires_at
      job_set(j, 'batchesAt', j.expires_at)
    end
  end
  if j.is_new then
    local first = {}
    for _, field in ipairs(HOT_FIELDS) do
      first[#first + 1] = field
      first[#first + 1] = j.dirty[field] or ''
    end
    redis.call('hset', keys[1], unpack(first))
  end
  parts_write(j)
  local afterlife = j.expires_at + j.summary_ttl
  if moved then
    expire_keys_at({keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7], keys[8],
      keys[9], keys[10]}, j.expires_at, now)
    expire_keys_at({keys[11], keys[12]}, afterlife, now)
    if #due > 0 or redis.call('exists', keys[11]) == 1 then redis.call('hset', keys[11], '', afterlife) end
  elseif #due > 0 then
    redis.call('pexpire', keys[11], afterlife - now)
    redis.call('hset', keys[11], '', afterlife)
  end
  if snapshot then
    redis.call('del', keys[12])
    redis.call('hset', keys[12], unpack(redis.call('hgetall', keys[1])))
    redis.call('pexpire', keys[12], afterlife - now)
  elseif moved and (j.fired.settled or j.fired.stopped) then
    redis.call('hset', keys[12], 'expiresAt', j.expires_at)
  end
  return refresh, due
end

-- job_reply: `values`, then the counts of refresh, fired and due, then each of them
-- (batch indices as numbers, '<scope>|<signal>' strings).
local function job_reply(values, refresh, fired, due)
  local out = {}
  for _, v in ipairs(values) do out[#out + 1] = v end
  out[#out + 1] = #refresh
  out[#out + 1] = #fired
  out[#out + 1] = #due
  for _, index in ipairs(refresh) do out[#out + 1] = tonumber(index) end
  for _, f in ipairs(fired) do out[#out + 1] = f[1] .. '|' .. f[2] end
  for _, field in ipairs(due) do out[#out + 1] = field end
  return out
end

-- job_take_part: settles an open part in the bitmap (dense index >= 0) or the parts hash;
-- true when it was open. A dense index past every pushed one is never open (nothing grows).
local function job_take_part(bits, parts, index, part, dense_end)
  if index >= 0 then
    if index >= dense_end then return false end
    return redis.call('bitfield', bits, 'SET', 'u1', index * 2 + 1, 0)[1] == 1
  end
  if redis.call('hget', parts, part) ~= 'o' then return false end
  redis.call('hset', parts, part, 'd')
  return true
end
