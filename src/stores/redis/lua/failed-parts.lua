--[[ failed-parts
Reads one page of a distributed job's failed parts (its state hash's fail:<part> fields) in
one consistent step. Writes nothing.

A compact (listpack) hash comes back whole from HSCAN, in insertion order; failures are only
ever appended, so it is paged by skipping the failures already returned. A hashtable is
walked with HSCAN from the given cursor (COUNT = what the page still needs) until the page
holds `limit` failures or the walk ends: HSCAN returns whole buckets, so a page may hold a
few more. A compact walk resumed after the hash grew into a hashtable starts over from
cursor 0: failures may then repeat on later pages, none is skipped.

KEYS[1] state  the job's hash

ARGV[1] HSCAN cursor to resume a hashtable walk from ('0' at the start)
ARGV[2] failures a compact walk already returned (0 when not in a compact walk)
ARGV[3] limit: failures the page should hold

Returns {next HSCAN cursor, next compact skip, part, reason, part, reason, ...}; the walk is
over when the cursor is '0' and the skip is 0. No part appears twice in one reply.
]]
local state = KEYS[1]
local limit = tonumber(ARGV[3])
local prefix = #'fail:'
local encoding = redis.call('object', 'encoding', state)
local page = {'0', 0}
if not encoding then return page end

if encoding == 'listpack' or encoding == 'ziplist' then
  local skip = ARGV[1] == '0' and tonumber(ARGV[2]) or 0
  local flat = redis.call('hscan', state, '0', 'match', 'fail:*', 'count', limit)[2]
  local total = #flat / 2
  local last = math.min(total, skip + limit)
  for i = skip + 1, last do
    page[#page + 1] = string.sub(flat[2 * i - 1], prefix + 1)
    page[#page + 1] = flat[2 * i]
  end
  if last < total then page[2] = last end
  return page
end

local cursor = tonumber(ARGV[2]) > 0 and '0' or ARGV[1]
local seen, count = {}, 0
repeat
  local reply = redis.call('hscan', state, cursor, 'match', 'fail:*', 'count', math.max(limit - count, 1))
  cursor = reply[1]
  local flat = reply[2]
  for i = 1, #flat, 2 do
    if not seen[flat[i]] then
      seen[flat[i]] = true
      count = count + 1
      page[#page + 1] = string.sub(flat[i], prefix + 1)
      page[#page + 1] = flat[i + 1]
    end
  end
until cursor == '0' or count >= limit
page[1] = cursor
return page
