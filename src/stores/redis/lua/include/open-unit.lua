-- open_unit: reads a unit's closed flag, creating the unit's state first when it does not
-- exist. Returns created (0 or 1) and closed ('0' or '1').
local function open_unit(state, now)
  local closed = redis.call('hget', state, 'closed')
  if closed then return 0, closed end
  redis.call('hset', state, 'total', 0, 'open', 0, 'succeeded', 0, 'failed', 0,
    'closed', 0, 'finished', 0, 'stopped', 0, 'createdAt', now)
  return 1, '0'
end

-- close_unit: seals an open unit; when nothing is open it finishes the unit at `now`.
-- Returns closed_now and last (0 or 1 each); a unit already closed is left as it is.
local function close_unit(state, now, closed)
  if closed == '1' then return 0, 0 end
  redis.call('hset', state, 'closed', 1)
  if redis.call('hget', state, 'open') ~= '0' then return 1, 0 end
  redis.call('hset', state, 'finished', 1, 'finishedAt', now)
  return 1, 1
end
