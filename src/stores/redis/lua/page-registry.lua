--[[ page-registry
One page of a kind's registry (domain/registry-query.ts pageOf): entries of one index in
order from a position, those whose name starts with a check kept, at most `limit` kept and
`bound` read. Writes nothing.

KEYS[1] index   sorted set id -> createdAt: the kind's time index or one name-prefix index
KEYS[2] meta    hash id -> JSON [lower-case name, name, description] of named entries

ARGV[1] order: 'newest' or 'oldest'
ARGV[2] the score to start at, inclusive ('+inf' / '-inf' for none)
ARGV[3] the score to end at, inclusive
ARGV[4] the cursor's createdAt ('' on the first page): entries with it are skipped up to
        and including the cursor's id
ARGV[5] the cursor's id
ARGV[6] limit
ARGV[7] the lower-case prefix every kept name must start with ('' keeps every entry)
ARGV[8] bound: the most entries read past the cursor

Returns {cursorCreatedAt, cursorId, id1, createdAt1, meta1, ...}: the cursor '' when no
entry follows, meta '' for an entry without names.
]]
local newest = ARGV[1] == 'newest'
local cursor_score, cursor_id = ARGV[4], ARGV[5]
local limit, check, bound = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])

local function bytes_less(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

local function passed_cursor(id, score)
  if cursor_score == '' or tonumber(score) ~= tonumber(cursor_score) then return true end
  if newest then return bytes_less(id, cursor_id) end
  return bytes_less(cursor_id, id)
end

local function keeps(meta)
  if check == '' then return true end
  if not meta then return false end
  local lower = cjson.decode(meta)[1]
  if type(lower) ~= 'string' then return false end
  return string.sub(lower, 1, #check) == check
end

local out = {'', ''}
local kept, scanned, offset = 0, 0, 0
local last_id, last_score
local chunk = math.max(limit + 1, 100)
while true do
  local range
  if newest then
    range = redis.call('zrange', KEYS[1], ARGV[2], ARGV[3], 'BYSCORE', 'REV',
      'LIMIT', offset, chunk, 'WITHSCORES')
  else
    range = redis.call('zrange', KEYS[1], ARGV[2], ARGV[3], 'BYSCORE',
      'LIMIT', offset, chunk, 'WITHSCORES')
  end
  offset = offset + #range / 2
  local ids = {}
  for i = 1, #range, 2 do ids[#ids + 1] = range[i] end
  local metas = #ids > 0 and redis.call('hmget', KEYS[2], unpack(ids)) or {}
  for i = 1, #ids do
    local id, score = ids[i], range[2 * i]
    if passed_cursor(id, score) then
      if kept == limit or scanned == bound then
        if kept == limit then out[1], out[2] = out[#out - 1], out[#out - 2]
        else out[1], out[2] = last_score, last_id end
        return out
      end
      scanned = scanned + 1
      last_id, last_score = id, score
      if keeps(metas[i]) then
        kept = kept + 1
        out[#out + 1] = id
        out[#out + 1] = score
        out[#out + 1] = metas[i] or ''
      end
    end
  end
  if #ids < chunk then return out end
end
