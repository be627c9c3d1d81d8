--[[ set-status-ttl
Stores a new ttl in an existing status and sets its deadline from now (ttl + ttl/2), the key's
expiry with it (domain/status-writes.ts setStatusTtl). Repeating it sets the same again.

KEYS[1] status  the status's hash (see write-status)

ARGV[1] clock ('' = the server's TIME)
ARGV[2] op
ARGV[3] the new ttl in ms

Returns 1, or 0 when the status is absent or past its deadline (nothing written).
]]
--#include clock
--#include expiry
local key = KEYS[1]
local now = clock_now(ARGV[1])
local expires_at = tonumber(redis.call('hget', key, 'expiresAt'))
if not expires_at or expires_at <= now then return 0 end
local ttl = tonumber(ARGV[3])
local deadline = now + ttl + math.floor(ttl / 2)
redis.call('hset', key, 'ttlMs', ttl, 'expiresAt', deadline)
expire_keys_at({key}, deadline, now)
return 1
