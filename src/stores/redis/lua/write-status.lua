--[[ write-status
Applies one patch to a status (domain/status-writes.ts writeStatus), creating it as queued
with the given ttl when it is absent or past its deadline: state transition with its
timestamps, total, absolute progress, increment, progress = total, custom fields. The status
keeps its own ttl and its last 64 ops: a repeated op answers again and writes nothing. The
deadline moves (now + ttl + ttl/2, and the key's expiry with it) only when less than the ttl
is left. Publishes {"id","rev"} on the status's channel in the same step, so a watcher that
sees the notice reads a state at least as new as it.

KEYS[1] status  the status's hash: status, progress, total, timestamps, rev, fieldBytes, ttlMs,
                expiresAt, createOp, ops (space-separated, oldest first), subject, f:<name> fields

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] ttl in ms, for a status this write creates
ARGV[4] channel to publish the change notice on
ARGV[5] the status id as a JSON string (for the notice)
ARGV[6] new state, or '' to keep it
ARGV[7] total, or '' to keep it
ARGV[8] absolute progress, or '' to keep it
ARGV[9] progress increment (an integer, may be negative or 0)
ARGV[10] '1' to set progress to the total after the above, else '0'
ARGV[11] the most bytes custom fields may take (names plus JSON values)
ARGV[12] the unit the status reports on, JSON, kept if this write creates it ('' for none)
ARGV[13..] field name, JSON value pairs

Returns {1, created, rev, createdAt} (a repeated op: created is 1 when that op created it), or
{0, bytes} when the fields would take more than ARGV[11] bytes (nothing is written).
]]
--#include clock
--#include expiry
--#include status
local key, op, state = KEYS[1], ARGV[2], ARGV[6]
local now = clock_now(ARGV[1])

local s = redis.call('hmget', key, 'expiresAt', 'ttlMs', 'ops', 'createOp', 'rev', 'createdAt',
  'fieldBytes', 'status', 'progress', 'total')
local expires_at = tonumber(s[1])
if expires_at and expires_at <= now then
  redis.call('del', key)
  expires_at = nil
end
if expires_at and status_knows_op(s[3], op) then
  local created = 0
  if s[4] == op then created = 1 end
  return {1, created, tonumber(s[5]), tonumber(s[6])}
end

local bytes = 0
if expires_at then bytes = tonumber(s[7] or '0') end
for i = 13, #ARGV, 2 do
  local name = 'f:' .. ARGV[i]
  if expires_at then
    local old = redis.call('hstrlen', key, name)
    if old > 0 or redis.call('hexists', key, name) == 1 then bytes = bytes - old - #ARGV[i] end
  end
  bytes = bytes + #ARGV[i] + #ARGV[i + 1]
end
if bytes > tonumber(ARGV[11]) then return {0, bytes} end

-- Every change goes out in one HSET (and one HDEL of timestamps a state change clears).
local set = {}
local function put(field, value)
  set[#set + 1] = field
  set[#set + 1] = value
end
local created, previous, ttl, ops, rev = 0, s[8], tonumber(s[2]), s[3], tonumber(s[5])
local progress, total = s[9], s[10]
local created_at = tonumber(s[6])
if not expires_at then
  created, previous, ttl, ops, rev, progress, total = 1, 'queued', tonumber(ARGV[3]), '', 0, false, false
  created_at = now
  expires_at = now + ttl + math.floor(ttl / 2)
  put('status', 'queued'); put('queuedAt', now); put('createdAt', now); put('ttlMs', ttl)
  put('createOp', op)
  if ARGV[12] ~= '' then put('subject', ARGV[12]) end
end

if state ~= '' and state ~= previous then
  put('status', state)
  if state == 'queued' then
    put('queuedAt', now)
    redis.call('hdel', key, 'startedAt', 'finishedAt')
  elseif state == 'working' then
    put('startedAt', now)
    redis.call('hdel', key, 'finishedAt')
  else
    put('finishedAt', now)
  end
end

if ARGV[7] ~= '' then total = ARGV[7]; put('total', total) end
if ARGV[8] ~= '' then progress = ARGV[8] end
if ARGV[9] ~= '0' then progress = tonumber(progress or '0') + tonumber(ARGV[9]) end
if ARGV[10] == '1' and total then progress = total end
if progress and (ARGV[8] ~= '' or ARGV[9] ~= '0' or ARGV[10] == '1') then put('progress', progress) end
for i = 13, #ARGV, 2 do put('f:' .. ARGV[i], ARGV[i + 1]) end

local moved = extended_expiry(expires_at, now, ttl)
if moved then expires_at = moved end
rev = rev + 1
-- fieldBytes and expiresAt are written only when they change.
if created == 1 or bytes ~= tonumber(s[7] or '0') then put('fieldBytes', bytes) end
if created == 1 or moved then put('expiresAt', expires_at) end
put('updatedAt', now); put('ops', status_remember_op(ops, op)); put('rev', rev)
redis.call('hset', key, unpack(set))
if created == 1 or moved then expire_keys_at({key}, expires_at, now) end
redis.call('publish', ARGV[4], '{"id":' .. ARGV[5] .. ',"rev":' .. rev .. '}')
return {1, created, rev, created_at}
