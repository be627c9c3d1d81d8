--[[ confirm-callback
Confirms one due callback of a job's outbox entry by name (domain/job-callbacks.ts
confirmCallback): its name joins the entry's confirmed list ('<field>|ok'); once every
callback of the entry is confirmed, the entry goes. The op that confirmed each callback stays
in '<field>|by' (JSON name -> op) as long as the outbox does, so that op repeated answers 1
again. Works after the job's details expired (the outbox outlives them by the summary ttl; its
field '' says until when).

KEYS[1] outbox  the job's outbox hash

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the entry's field '<scope>|<signal>'
ARGV[4] the callback's name

Returns 1 when this op confirmed the callback (now or before), 0 when it was not due.
]]
--#include clock

local op, field, name = ARGV[2], ARGV[3], ARGV[4]
local kept = redis.call('hget', KEYS[1], '')
if not kept or tonumber(kept) <= clock_now(ARGV[1]) then return 0 end
local by = cjson.decode(redis.call('hget', KEYS[1], field .. '|by') or '{}')
if by[name] == op then return 1 end
local entry = redis.call('hget', KEYS[1], field)
if not entry then return 0 end
local confirmed = cjson.decode(redis.call('hget', KEYS[1], field .. '|ok') or '[]')
for _, done in ipairs(confirmed) do
  if done == name then return 0 end
end
local pending = 0
local found = false
for _, cb in ipairs(cjson.decode(entry).callbacks) do
  if cb.name == name then found = true else pending = pending + 1 end
end
if not found then return 0 end
for _, done in ipairs(confirmed) do
  if done ~= name then pending = pending - 1 end
end
by[name] = op
redis.call('hset', KEYS[1], field .. '|by', cjson.encode(by))
if pending <= 0 then
  redis.call('hdel', KEYS[1], field, field .. '|ok')
  return 1
end
confirmed[#confirmed + 1] = name
redis.call('hset', KEYS[1], field .. '|ok', cjson.encode(confirmed))
return 1
