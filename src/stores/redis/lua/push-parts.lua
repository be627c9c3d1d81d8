--[[ push-parts
Adds parts to a distributed job (creating the job if needed) and, when asked, closes it.
A part already pushed, open or settled, is not added again.

KEYS[1] state  the job's hash: counters, flags, timestamps
KEYS[2] bits   bitmap of dense parts: bit 2i = part i pushed, bit 2i+1 = part i open
KEYS[3] parts  hash of other parts: part -> 'o' open | 'd' settled

ARGV[1] ttl in ms, set on every key
ARGV[2] now in ms
ARGV[3] '1' to close the job after pushing, '0' to leave it open
ARGV[4] d, the number of dense parts that follow
ARGV[5..4+d] dense part indices; ARGV[5+d..] other parts

Returns {created, added, lastOfClosedUnit}, each 0 or 1 except added (a count),
or {-1} when new parts would go into a closed job (nothing is written).
]]
--#include open-unit

local state, bits, parts = KEYS[1], KEYS[2], KEYS[3]
local ttl, now = ARGV[1], ARGV[2]
local last_dense = 4 + tonumber(ARGV[4])

local created, closed = open_unit(state, now)

if closed == '1' then
  for i = 5, last_dense do
    if redis.call('getbit', bits, tonumber(ARGV[i]) * 2) == 0 then return {-1} end
  end
  for i = last_dense + 1, #ARGV do
    if redis.call('hexists', parts, ARGV[i]) == 0 then return {-1} end
  end
end

local added = 0
for i = 5, last_dense do
  local offset = tonumber(ARGV[i]) * 2
  if redis.call('setbit', bits, offset, 1) == 0 then
    redis.call('setbit', bits, offset + 1, 1)
    added = added + 1
  end
end
for i = last_dense + 1, #ARGV do
  added = added + redis.call('hsetnx', parts, ARGV[i], 'o')
end

redis.call('hincrby', state, 'open', added)
redis.call('hincrby', state, 'total', added)

local last = 0
if ARGV[3] == '1' then
  local _
  _, last = close_unit(state, now, closed)
end

redis.call('pexpire', state, ttl)
redis.call('pexpire', bits, ttl)
redis.call('pexpire', parts, ttl)
return {created, added, last}
