--[[ cancel-group
Cancels a group (src/domain/group-writes.ts cancelGroup): stops its running stages (their
queued and pending_re_run jobs become cancelled), skips its pending ones and fires the
group's stopped. A cancelled or complete group is left as it is.

KEYS[1] state         hash: the group's fields and each stage's parts record under <n>:
KEYS[2] jobs          hash: <id>:<field> per staged job, op:<op> -> id
KEYS[3] stages        sorted set of stage numbers
KEYS[4] order         sorted set: job id scored by its stage
KEYS[5] undispatched  sorted set: queued job id -> when queued, until dispatch is confirmed
KEYS[6] callbacks     hash: <scope>|<signal> -> JSON array, and its per-name parts
KEYS[7] outbox        hash: <scope>|<signal> -> due entry JSON, expiresAt
KEYS[8] summary       hash: the compact record, kept summaryTtlMs after the details

ARGV[1] clock ('' = server TIME)   ARGV[2] operation id
ARGV[3] reason ('' none, else '=' and the reason)

Returns {1, stopped by this op (0/1), jobs cancelled, #fired, then scope, signal, due per fired
signal}, or {GROUP_NOT_FOUND}.
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
local g = group_read(K, now)
if not g then return {REFUSED.GROUP_NOT_FOUND} end
if g.stopped then
  local again = g.stop_op == op
  return {1, again and 1 or 0, again and g.counts.cancelled or 0, 0}
end
if group_settled(g) then return {1, 0, 0, 0} end
g.stopped = true
group_set(g, 'stopped', 1)
group_set(g, 'stopOp', op)
if ARGV[3] ~= '' then group_set(g, 'stopReason', string.sub(ARGV[3], 2)) end
local fired, cancelled = {}, 0
local start = g.current or stage_after(g, false)
if start then
  for _, n in ipairs(redis.call('zrange', K.stages, start, '+inf', 'BYSCORE')) do
    local r = stage_read(g, n)
    if r.closed and not r.fired.settled then
      local _, signals = parts_stop(r, now, op)
      parts_write(r)
      record_fired(g, 'stage:' .. n, signals, now, fired)
      for _, id in ipairs(stage_job_ids(K, n)) do
        local status = redis.call('hget', K.jobs, id .. ':st')
        if status == 'queued' or status == 'pending_re_run' then
          set_counts(g, status, -1)
          set_counts(g, 'cancelled', 1)
          redis.call('hset', K.jobs, id .. ':st', 'cancelled')
          redis.call('zrem', K.undispatched, id)
          cancelled = cancelled + 1
        end
      end
    end
  end
end
fire_group_signals(g, now, fired, false)
group_after_write(g, now)
local out = {1, 1, cancelled, #fired}
for _, f in ipairs(fired) do
  out[#out + 1] = f[1]
  out[#out + 1] = f[2]
  out[#out + 1] = f[3]
end
return out
