-- Durable callbacks (src/domain/outbox.ts is the rule): the write that fires a signal copies
-- the callbacks registered for (scope, signal) into the unit's outbox, in the same step.
-- Both hashes are keyed '<scope>|<signal>'; callbacks hold a JSON array of {name, args};
-- an outbox entry is {"dueAt": ms, "callbacks": [...]} until its dispatch is confirmed.

-- fire_callbacks: makes the signal's callbacks due. Returns 1 when an entry became due.
local function fire_callbacks(callbacks_key, outbox_key, scope, signal, now)
  local field = scope .. '|' .. signal
  local registered = redis.call('hget', callbacks_key, field)
  if not registered or registered == '[]' then return 0 end
  if redis.call('hsetnx', outbox_key, field,
      '{"dueAt":' .. string.format('%d', now) .. ',"callbacks":' .. registered .. '}') == 0 then
    return 0
  end
  return 1
end
