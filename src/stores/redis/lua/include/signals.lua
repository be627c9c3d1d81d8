-- The terminal signals of a unit with parts (src/domain/signals.ts is the rule).
-- due_signals: the signals reached and not yet fired, in recording order. `fired` maps a
-- signal name to its time, or to false/nil while it has not fired.
local function due_signals(closed, open, failed, stopped, fired)
  local due = {}
  if failed > 0 and not fired.failed then due[#due + 1] = 'failed' end
  if stopped and not fired.stopped then due[#due + 1] = 'stopped' end
  if closed and open == 0 and not fired.settled then
    due[#due + 1] = 'settled'
    if failed == 0 then due[#due + 1] = 'succeeded' end
  end
  return due
end
