-- push_named_part: pushes one part that is not a dense index (kept in the unit's other-parts
-- hash), counting it open and in the total. Returns 1 when added, 0 when already pushed.
local function push_named_part(state, parts, part)
  if redis.call('hsetnx', parts, part, 'o') == 0 then return 0 end
  redis.call('hincrby', state, 'open', 1)
  redis.call('hincrby', state, 'total', 1)
  return 1
end
