-- pop-next: moves the oldest waiting item to running (leaving the waiting list and entering the
-- running set in the same script), leased for the queue's lease, remembering the pop's op
-- (p:<op> in meta) while it runs. Returns {id, record JSON, data JSON}, or nil when nothing
-- waits. Needs queue-item. A pop that leaves items behind leaves a wake-up.
local function pop_next(k, now, lease, op, channel, queue_json)
  local id, item
  repeat
    id = redis.call('lpop', k.waiting)
    if not id then return nil end
    item = read_item(k.items, id, now)
  until item and item.state == 'waiting'
  item.state = 'running'
  item.startedAt = now
  item.attempts = item.attempts + 1
  item.starts = start_of(item) + 1
  item.leaseUntil = now + lease
  item.popOp = op
  local raw = write_item(k.items, id, item)
  redis.call('hset', k.meta, 'p:' .. op, id)
  redis.call('zadd', k.running, num(item.leaseUntil), id)
  -- signal_waiters when items are left behind; the held wake-up (the common case) is read first.
  if redis.call('llen', k.signal) == 0 and redis.call('llen', k.waiting) > 0 then
    redis.call('lpush', k.signal, 1)
  end
  publish_change(channel, queue_json, id, 'waiting', 'running', now)
  return {id, raw, redis.call('hget', k.data, id)}
end

-- The item a pop with `op` started, while it still runs under that pop: {id, record, data}.
-- `id` is the op's entry p:<op> in meta, read by the caller (with queue_policy).
local function popped_by(k, op, id, now)
  if not id then return nil end
  local item = read_item(k.items, id, now)
  if not item or item.state ~= 'running' or item.popOp ~= op then return nil end
  return {id, cjson.encode(item), redis.call('hget', k.data, id)}
end
