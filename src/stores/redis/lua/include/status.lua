-- status: a status remembers its last 64 ops (domain/status-record.ts RECENT_OPS) as one
-- space-separated field, oldest first (an op id has no spaces).

-- status_knows_op: true when `op` is among the remembered `ops` (a string or false).
local function status_knows_op(ops, op)
  if not ops or ops == '' then return false end
  return string.find(' ' .. ops .. ' ', ' ' .. op .. ' ', 1, true) ~= nil
end

-- status_remember_op: `ops` with `op` appended, the oldest dropped beyond 64.
local function status_remember_op(ops, op)
  local list = op
  if ops and ops ~= '' then list = ops .. ' ' .. op end
  local _, spaces = string.gsub(list, ' ', ' ')
  if spaces >= 64 then list = string.sub(list, string.find(list, ' ', 1, true) + 1) end
  return list
end
