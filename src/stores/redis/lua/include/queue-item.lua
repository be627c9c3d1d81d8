-- queue-item: an item's small record is JSON in the queue's items hash (state, createdAt,
-- startedAt, finishedAt, attempts, starts, leaseUntil, expireAt); data and outcome sit in their own
-- hashes so the record can be rewritten without copying the payload.
local function read_item(items, id, now)
  local raw = redis.call('hget', items, id)
  if not raw then return nil end
  local item = cjson.decode(raw)
  if item.expireAt and item.expireAt <= now then return nil end
  return item
end

-- The fencing token of the item's current start: counts every start and is never reset
-- (retry resets attempts), so a consumer from before a retry cannot act on a later start.
-- Records written before starts existed fall back to attempts.
local function start_of(item)
  return item.starts or item.attempts
end

-- Refuses ({-2, current start}) a caller holding another start than the one running;
-- nil when the caller holds it or acts on whichever start runs ('').
local function refuse_other_start(item, held)
  if held ~= '' and tonumber(held) ~= start_of(item) then return {-2, start_of(item)} end
  return nil
end

-- Returns the record JSON it wrote, so a reply can reuse it instead of encoding it again.
local function write_item(items, id, item)
  local raw = cjson.encode(item)
  redis.call('hset', items, id, raw)
  return raw
end

-- Leaves one wake-up on the signal list for a blocked popAndStart; one is enough because
-- every pop that leaves items behind leaves another. The list is only ever empty or holds
-- one wake-up, so checking its length replaces the push-then-trim of an extra one.
local function signal_waiters(signal)
  if redis.call('llen', signal) == 0 then redis.call('lpush', signal, 1) end
end

local function publish_change(channel, queue, id, from, to, now)
  redis.call('publish', channel, cjson.encode({queue = queue, id = id, from = from, to = to, at = now}))
end

-- Forgets up to 100 finished or failed items whose retention ended before `now`.
local function trim_retained(index, items, data, outcome, now)
  local gone = redis.call('zrangebyscore', index, '-inf', now, 'LIMIT', 0, 100)
  for _, id in ipairs(gone) do
    redis.call('hdel', items, id)
    redis.call('hdel', data, id)
    redis.call('hdel', outcome, id)
    redis.call('zrem', index, id)
  end
end
