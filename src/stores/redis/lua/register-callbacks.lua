--[[ register-callbacks
Registers callbacks for a signal of the group or of one of its stages
(src/domain/group-callbacks.ts registerCallbacks); a name registered there is replaced.
The callbacks hash keeps per field '<field>#names' (names, space-separated) and
'<field>#<name>' (each callback's JSON), and '<field>' the JSON array the outbox copies.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] scope ('' or stage:<n>)   ARGV[4] the stage number, or '' for the group
ARGV[5] signal   ARGV[6..] pairs of a callback's name and its JSON

Returns {1}, {STAGE_CALLBACK_PAST, scope, signal}, {STAGE_CALLBACKS_FULL, the most}, or {code}:
GROUP_NOT_FOUND, STAGE_NOT_FOUND.
]]
--#include clock
--#include refusals
--#include expiry
--#include signals
--#include parts
--#include outbox
--#include group-unit
--#include group-jobs
--#include group-stage
--#include group-advance

local K = group_keys(KEYS)
local now, op = clock_now(ARGV[1]), ARGV[2]
local MOST = 32
local scope, n, signal = ARGV[3], ARGV[4], ARGV[5]
local g = group_read(K, now)
if not g then return {REFUSED.GROUP_NOT_FOUND} end
local r = nil
if n ~= '' then
  r = stage_read(g, n)
  if not r then return {REFUSED.STAGE_NOT_FOUND} end
end
local past
if not r then
  past = g.sig[signal] or group_settled(g)
    or (g.stopped and (signal == 'settled' or signal == 'succeeded'))
    or (signal == 'succeeded' and g.counts.failed > 0)
else
  past = r.fired[signal] or r.fired.settled or stage_status(g, r) == 'skipped'
    or (g.stopped and signal == 'stopped') or (signal == 'succeeded' and r.failed > 0)
end
if past then return {REFUSED.STAGE_CALLBACK_PAST, scope, signal} end
local field = scope .. '|' .. signal
local names = {}
for name in string.gmatch(redis.call('hget', K.callbacks, field .. '#names') or '', '%S+') do
  names[#names + 1] = name
end
local known = {}
for _, name in ipairs(names) do known[name] = true end
local added = {}
for i = 6, #ARGV, 2 do
  if not known[ARGV[i]] then
    known[ARGV[i]] = true
    added[#added + 1] = ARGV[i]
  end
end
if #names + #added > MOST then return {REFUSED.STAGE_CALLBACKS_FULL, MOST} end
for i = 6, #ARGV, 2 do redis.call('hset', K.callbacks, field .. '#' .. ARGV[i], ARGV[i + 1]) end
for _, name in ipairs(added) do names[#names + 1] = name end
local parts = {}
for i, name in ipairs(names) do parts[i] = field .. '#' .. name end
local texts = redis.call('hmget', K.callbacks, unpack(parts))
redis.call('hset', K.callbacks, field .. '#names', table.concat(names, ' '),
  field, '[' .. table.concat(texts, ',') .. ']')
g.fresh[#g.fresh + 1] = K.callbacks
group_after_write(g, now)
return {1}
