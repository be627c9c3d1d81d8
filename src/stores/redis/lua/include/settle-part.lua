-- settle_part: the one rule for settling a part of any unit with parts (job, batch, stage).
-- Requires the unit to exist (state hash has 'closed'). Returns removed, last (0 or 1 each).
-- removed = 0 for an unknown or already settled part; last = 1 only for the caller whose
-- settle emptied a closed unit, which is then marked finished at `now`.
local function settle_part(state, bits, parts, now, index, part, outcome, reason)
  local closed = redis.call('hget', state, 'closed')
  if not closed then return 0, 0 end
  if index >= 0 then
    if redis.call('getbit', bits, index * 2 + 1) == 0 then return 0, 0 end
    redis.call('setbit', bits, index * 2 + 1, 0)
  else
    if redis.call('hget', parts, part) ~= 'o' then return 0, 0 end
    redis.call('hset', parts, part, 'd')
  end
  local open = redis.call('hincrby', state, 'open', -1)
  redis.call('hincrby', state, outcome, 1)
  if outcome == 'failed' then redis.call('hset', state, 'fail:' .. part, reason) end
  if open == 0 and closed == '1' then
    redis.call('hset', state, 'finished', 1, 'finishedAt', now)
    return 1, 1
  end
  return 1, 0
end
