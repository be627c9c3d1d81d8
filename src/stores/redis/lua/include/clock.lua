-- clock_now: the time a script judges by, in ms. `given` is the caller's clock argument:
-- '' means the server's own TIME (the one clock every client shares); a number is a test
-- clock's time, passed by a store created with a manual clock.
local function clock_now(given)
  if given ~= '' then return tonumber(given) end
  local t = redis.call('time')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
