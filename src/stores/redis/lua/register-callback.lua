--[[ register-callback
Registers a durable callback on a signal of a job (scope '') or of one of its batches
(scope 'batch:<index>'), creating the job for a job-scope registration (with the policy in
ARGV[3..6]); domain/job-callbacks.ts registerCallback is the rule. The callbacks hash keeps,
per '<scope>|<signal>', the JSON array outbox.lua copies into the outbox, rebuilt from one
field per callback '<scope>|<signal>|<name>' (the caller's JSON, never re-encoded here). A
callback with the same name replaces the earlier one.

KEYS[1..12] the job's keys, in the order include/job.lua lists them

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] ttl ms, ARGV[4] summary ttl ms, ARGV[5] name, ARGV[6] description (creation only)
ARGV[7] scope: '' or 'batch:<index>'
ARGV[8] signal
ARGV[9] the callback's name
ARGV[10] the callback's JSON {"name": …, "args": […]}
ARGV[11] the most callbacks one signal may hold

Returns the job reply {created, createdAt, registered, ...} (include job);
REFUSED.BATCH_NOT_FOUND, REFUSED.SIGNAL_ALREADY_FIRED or REFUSED.CALLBACKS_FULL (nothing
written).
]]
--#include clock
--#include expiry
--#include refusals
--#include signals
--#include parts
--#include outbox
--#include job
--#include batch

local now, op = clock_now(ARGV[1]), ARGV[2]
local j, created = job_open(KEYS, now, op, ARGV[3], ARGV[4], ARGV[5], ARGV[6])
local scope, signal, name = ARGV[7], ARGV[8], ARGV[9]
local fired = j.fired
if scope ~= '' then
  local b = (not j.is_new) and batch_read(j, KEYS[5], tonumber(string.sub(scope, 7)))
  if not b then return REFUSED.BATCH_NOT_FOUND end
  fired = b.fired
end
if fired[signal] then return REFUSED.SIGNAL_ALREADY_FIRED end
local field = scope .. '|' .. signal
local names = {}
local current = redis.call('hget', KEYS[10], field)
if current then
  for _, cb in ipairs(cjson.decode(current)) do
    if cb.name ~= name then names[#names + 1] = cb.name end
  end
end
if #names >= tonumber(ARGV[11]) then return REFUSED.CALLBACKS_FULL end
job_begin(j, KEYS)

names[#names + 1] = name
redis.call('hset', KEYS[10], field .. '|' .. name, ARGV[10])
local specs = {}
for i, cb in ipairs(names) do specs[i] = field .. '|' .. cb end
specs = redis.call('hmget', KEYS[10], unpack(specs))
redis.call('hset', KEYS[10], field, '[' .. table.concat(specs, ',') .. ']')
local refresh, due = job_finish(j, KEYS, now, {}, nil)
redis.call('pexpire', KEYS[10], j.expires_at - now)
return job_reply({created, j.created_at, #names}, refresh, {}, due)
