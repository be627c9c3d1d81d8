-- Unit expiry (src/domain/expiry.ts is the rule): a unit stores its deadline `expiresAt`; a
-- write that finds less than ttl left moves it to now + ttl + ttl/2 and sets every key of the
-- unit to expire then, so most writes refresh nothing.

-- extended_expiry: the new deadline, or nil when the stored one still covers the ttl.
local function extended_expiry(expires_at, now, ttl)
  if expires_at - now >= ttl then return nil end
  return now + ttl + math.floor(ttl / 2)
end

-- expire_keys_at: sets each of `keys` to expire at `deadline` (ms, judged against `now`).
local function expire_keys_at(keys, deadline, now)
  local ms = deadline - now
  for _, key in ipairs(keys) do redis.call('pexpire', key, ms) end
end
