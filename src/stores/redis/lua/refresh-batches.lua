--[[ refresh-batches
Moves the items of a job's open batches to the job's deadline, after a write that moved it
told the store which batches are open (domain/job-writes.ts refreshBatches); items already
gone stay gone. The call with the last of those batches records in the job that its batches
carry its deadline; until then every write of the job asks for the refresh again, so a
refresh cut short by a crash is redone by the job's next write.

KEYS[1] state         the job's hash
KEYS[2] open-batches  the job's set of open batch indices
KEYS[3..] items       the items hashes of the batches in ARGV[4..]

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op (unused: refreshing twice changes nothing)
ARGV[3] '1' when this call gives the last of the batches to refresh
ARGV[4..] the batch indices, one per KEYS[3..]

Returns the number of batches refreshed.
]]
--#include clock

local now = clock_now(ARGV[1])
local deadline = tonumber(redis.call('hget', KEYS[1], 'expiresAt') or '0')
if deadline <= now then return 0 end
local refreshed = 0
for n, items in ipairs(KEYS) do
  if n > 2 then
    local mark = redis.call('hget', items, '')
    if mark and tonumber(mark) > now and redis.call('sismember', KEYS[2], ARGV[n + 1]) == 1 then
      redis.call('hset', items, '', deadline)
      redis.call('pexpire', items, deadline - now)
      refreshed = refreshed + 1
    end
  end
end
if ARGV[3] == '1' then redis.call('hset', KEYS[1], 'batchesAt', deadline) end
return refreshed
