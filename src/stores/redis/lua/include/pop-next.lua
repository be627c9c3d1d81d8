-- pop-next: moves the oldest waiting item to running (leaving the waiting list and entering
-- the running set in the same script) and returns {id, record JSON, data JSON}, or nil when
-- nothing waits. Needs queue-item. A pop that leaves items behind leaves a wake-up.
local function pop_next(items, data, waiting, running, signal, now, lease, channel, queue)
  local id, item
  repeat
    id = redis.call('lpop', waiting)
    if not id then return nil end
    item = read_item(items, id, now)
  until item and item.state == 'waiting'
  item.state = 'running'
  item.startedAt = now
  item.attempts = item.attempts + 1
  item.starts = start_of(item) + 1
  item.leaseUntil = now + lease
  local raw = write_item(items, id, item)
  redis.call('zadd', running, item.leaseUntil, id)
  if redis.call('llen', waiting) > 0 then signal_waiters(signal) end
  publish_change(channel, queue, id, 'waiting', 'running', now)
  return {id, raw, redis.call('hget', data, id)}
end
