-- status: a status remembers its last 64 ops (domain/status-record.ts RECENT_OPS) as one
-- space-separated field, oldest first (an op id has no spaces).

-- status_knows_op: true when `op` is among the remembered `ops` (a string or false).
-- Searches in place: no copy of the list is built.
local function status_knows_op(ops, op)
  if not ops then return false end
  local from = 1
  while true do
    local first, last = string.find(ops, op, from, true)
    if not first then return false end
    if (first == 1 or string.byte(ops, first - 1) == 32) and
      (last == #ops or string.byte(ops, last + 1) == 32) then return true end
    from = first + 1
  end
end

-- Matches a list of 65 ops or more (64 separators), without counting them one by one.
local STATUS_FULL_RING = '^' .. string.rep('[^ ]+ ', 64)

-- status_remember_op: `ops` with `op` appended, the oldest dropped beyond 64.
local function status_remember_op(ops, op)
  local list = op
  if ops and ops ~= '' then list = ops .. ' ' .. op end
  if string.find(list, STATUS_FULL_RING) then list = string.sub(list, string.find(list, ' ', 1, true) + 1) end
  return list
end
