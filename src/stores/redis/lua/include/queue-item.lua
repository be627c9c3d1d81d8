-- queue-item: the shared parts of the queue scripts (domain/queue-writes.ts is the rule). Every
-- queue script takes the queue's nine keys in one order (RedisKeys.queueKeyList):
--   meta      hash: createdAt, createOp, seq, the policy (leaseMs, retainMs, maxAttempts),
--             c:<op> -> item id for the push of each live item, p:<op> -> id for each running one
--   items     hash id -> item record JSON (state, createdAt, startedAt, finishedAt, attempts,
--             starts, leaseUntil, expireAt = retention end, createOp, popOp, lastOp)
--   data      hash id -> data JSON;  outcome  hash id -> result or errors JSON
--   waiting   list of waiting ids, oldest first;  running  sorted set id -> lease end
--   finished, failed  sorted sets id -> retention end;  signal  wake-up list for blocked pops
-- Needs refusals.

-- A number as a string for a command's argument: what Lua would pass ('%.14g'), formatted as
-- an integer when it is one (every time and count here), which skips glibc's float printf.
local function num(n)
  if n % 1 == 0 and n > -1e14 and n < 1e14 then return string.format('%d', n) end
  return tostring(n)
end

local function read_item(items, id, now)
  local raw = redis.call('hget', items, id)
  if not raw then return nil end
  local item = cjson.decode(raw)
  if item.expireAt and item.expireAt <= now then return nil end
  return item
end

-- The queue's own policy: {lease, retain, max_attempts}, or nil when the queue does not exist;
-- then the value of the meta field given after `meta` (an op's entry), if any, from the same HMGET.
local function queue_policy(meta, ...)
  local p = redis.call('hmget', meta, 'leaseMs', 'retainMs', 'maxAttempts', ...)
  if not p[1] then return nil end
  return {lease = tonumber(p[1]), retain = tonumber(p[2]), max_attempts = tonumber(p[3])}, p[4]
end

-- The fencing token of the item's current start: counts every start and is never reset.
local function start_of(item)
  return item.starts or item.attempts
end

-- Refuses an item that is not running, or held under another start than `held` ('' = any).
local function refuse_unheld(item, held)
  if item.state ~= 'running' then return {REFUSED.INVALID_QUEUE_TRANSITION, item.state} end
  if held ~= '' and tonumber(held) ~= start_of(item) then return {REFUSED.LEASE_LOST, start_of(item)} end
  return nil
end

-- Returns the record JSON it wrote, so a reply can reuse it instead of encoding it again.
local function write_item(items, id, item)
  local raw = cjson.encode(item)
  redis.call('hset', items, id, raw)
  return raw
end

-- Leaves one wake-up on the signal list for a blocked pop; every pop that leaves items behind
-- leaves another, so the list is only ever empty or holds one.
local function signal_waiters(signal)
  if redis.call('llen', signal) == 0 then redis.call('lpush', signal, 1) end
end

-- The stateChanged notice {queue, id, from, to, at} (from or to left out when nil), written
-- straight: `queue_json` is the queue's name JSON-encoded by the caller, from and to are states.
local function publish_change(channel, queue_json, id, from, to, now)
  redis.call('publish', channel, '{"queue":' .. queue_json .. ',"id":' .. cjson.encode(id) ..
    (from and ',"from":"' .. from .. '"' or '') .. (to and ',"to":"' .. to .. '"' or '') ..
    ',"at":' .. num(now) .. '}')
end

-- running -> finished | failed, kept for the queue's retainMs; drops the pop's op entry.
local function close_item(meta, item, to, now, retain)
  if item.popOp then redis.call('hdel', meta, 'p:' .. item.popOp) end
  item.state = to
  item.finishedAt = now
  item.leaseUntil = nil
  item.popOp = nil
  item.expireAt = now + retain
end

-- Removes an item's record, data, outcome and op entries (not its index entries).
local function forget_item(meta, items, data, outcome, id, item)
  redis.call('hdel', items, id)
  redis.call('hdel', data, id)
  redis.call('hdel', outcome, id)
  -- An op's entry may point to a later item (the op was repeated after this one was gone).
  if item.createOp and redis.call('hget', meta, 'c:' .. item.createOp) == id then
    redis.call('hdel', meta, 'c:' .. item.createOp)
  end
  if item.popOp then redis.call('hdel', meta, 'p:' .. item.popOp) end
end

-- Forgets up to 100 finished or failed items whose retention ended by `now`.
local function trim_retained(index, meta, items, data, outcome, now)
  local gone = redis.call('zrangebyscore', index, '-inf', num(now), 'LIMIT', '0', '100')
  for _, id in ipairs(gone) do
    local raw = redis.call('hget', items, id)
    local item = {}
    if raw then item = cjson.decode(raw) end
    forget_item(meta, items, data, outcome, id, item)
    redis.call('zrem', index, id)
  end
end

-- The nine keys by name, from a script's key list.
local function queue_keys(list)
  return {meta = list[1], items = list[2], data = list[3], outcome = list[4], waiting = list[5],
    running = list[6], finished = list[7], failed = list[8], signal = list[9]}
end
