--[[ push-parts
Adds parts to a distributed job (creating it if needed, with the policy in ARGV[3..6]) and,
when asked, closes it. A part already pushed, open or settled, is not added again; new parts
into a closed job are refused and nothing is written (domain/job-writes.ts pushParts).

KEYS[1..12] the job's keys, in the order include/job.lua lists them

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] ttl ms, ARGV[4] summary ttl ms, ARGV[5] name, ARGV[6] description (creation only)
ARGV[7] '1' to close the job after pushing
ARGV[8] d, the number of dense parts that follow
ARGV[9..8+d] dense part indices; ARGV[9+d..] other parts

Returns the job reply {created, createdAt, added, lastOfClosedUnit, ...} (include job), or
REFUSED.PUSH_AFTER_CLOSE.
]]
--#include clock
--#include expiry
--#include refusals
--#include signals
--#include parts
--#include outbox
--#include job

local now, op = clock_now(ARGV[1]), ARGV[2]
local j, created = job_open(KEYS, now, op, ARGV[3], ARGV[4], ARGV[5], ARGV[6])
local last_dense = 8 + tonumber(ARGV[8])

-- The distinct dense parts among ARGV[from..to] never pushed (pushed bits read in slices).
local function fresh_dense(from, to)
  local fresh, seen, probe = {}, {}, {}
  for i = from, to do
    local index = tonumber(ARGV[i])
    if not seen[index] then
      seen[index] = true
      if j.is_new or index >= j.dense_end then fresh[#fresh + 1] = index
      else probe[#probe + 1] = index end
    end
  end
  for i = 1, #probe, 1000 do
    local gets = {}
    for k = i, math.min(i + 999, #probe) do
      gets[#gets + 1] = 'GET'
      gets[#gets + 1] = 'u1'
      gets[#gets + 1] = probe[k] * 2
    end
    local bits = redis.call('bitfield', KEYS[2], unpack(gets))
    for n = 1, #bits do
      if bits[n] == 0 then fresh[#fresh + 1] = probe[i + n - 1] end
    end
  end
  return fresh
end

-- The distinct named parts among ARGV[from..to] never pushed; an open job's are added
-- (HSETNX) on the way, a closed job's only looked for (they would be refused).
local function fresh_named(from, to)
  local fresh, seen = {}, {}
  for i = from, to do
    local part = ARGV[i]
    if not seen[part] then
      seen[part] = true
      local new
      if j.closed then new = redis.call('hexists', KEYS[3], part) == 0
      else new = redis.call('hsetnx', KEYS[3], part, 'o') == 1 end
      if new then fresh[#fresh + 1] = part end
    end
  end
  return fresh
end

local dense = fresh_dense(9, last_dense)
if j.closed and #dense > 0 then return REFUSED.PUSH_AFTER_CLOSE end
job_begin(j, KEYS)
local named = fresh_named(last_dense + 1, #ARGV)
if j.closed and #named > 0 then return REFUSED.PUSH_AFTER_CLOSE end
local added = #dense + #named

for i = 1, #dense, 1000 do
  local sets = {}
  for k = i, math.min(i + 999, #dense) do
    sets[#sets + 1] = 'SET'
    sets[#sets + 1] = 'u2'
    sets[#sets + 1] = dense[k] * 2
    sets[#sets + 1] = 3
    if dense[k] >= j.dense_end then j.dense_end = dense[k] + 1 end
  end
  redis.call('bitfield', KEYS[2], unpack(sets))
end
if #dense > 0 then job_set(j, 'denseEnd', j.dense_end) end
parts_count_pushed(j, added)

local fired, last, closed_now = {}, 0, 0
if ARGV[7] == '1' then
  local signals
  closed_now, last, signals = parts_close(j, now, op)
  job_add_fired(fired, '', signals)
end
if added == 0 and closed_now == 0 and not j.is_new then
  return job_reply({created, j.created_at, 0, last}, {}, {}, {})
end
local refresh, due = job_finish(j, KEYS, now, fired, nil)
if #dense > 0 then redis.call('pexpire', KEYS[2], j.expires_at - now) end
if #named > 0 then redis.call('pexpire', KEYS[3], j.expires_at - now) end
return job_reply({created, j.created_at, added, last}, refresh, fired, due)
