-- A group's stages: parts records in the state hash under '<n>:' (include parts); the stages
-- sorted set holds their numbers (src/domain/group-advance.ts, group-views.ts).
-- Needs includes parts and group-unit.

local function stage_read(g, n) return parts_read(g.K.state, n .. ':') end

local function stage_status(g, r)
  if r.fired.settled then return 'complete' end
  if r.stopped then return 'stopped' end
  if r.closed then return 'running' end
  if g.stopped then return 'skipped' end
  return 'pending'
end

-- stage_creatable: a missing stage above the current one (domain stageCreatable).
local function stage_creatable(g, n)
  if redis.call('hexists', g.K.state, n .. ':closed') == 1 then return false end
  return (not g.current) or tonumber(n) > tonumber(g.current)
end

local function stage_add(g, n)
  local r = parts_new(g.K.state, n .. ':')
  parts_write(r)
  redis.call('zadd', g.K.stages, n, n)
  if g.stage_count == 0 then g.fresh[#g.fresh + 1] = g.K.stages end
  g.stage_count = g.stage_count + 1
  group_set(g, 'stageCount', g.stage_count)
  return r
end

-- stage_after: the smallest stage number above `n` (false: the smallest), or false.
local function stage_after(g, n)
  local found
  if n then
    found = redis.call('zrange', g.K.stages, '(' .. n, '+inf', 'BYSCORE', 'LIMIT', 0, 1)
  else
    found = redis.call('zrange', g.K.stages, 0, 0)
  end
  return found[1] or false
end

local function set_current(g, n)
  if g.current == n then return end
  g.current = n
  group_set(g, 'current', n)
end

local function contains(list, value)
  for _, v in ipairs(list) do if v == value then return true end end
  return false
end

-- stage_flush: the stage's changed fields join the group's next write (one HSET of the state
-- hash), for a write that reads the stage no more.
local function stage_flush(g, r)
  for field, value in pairs(r.dirty) do g.dirty[r.pre .. field] = value end
  r.dirty = {}
end
