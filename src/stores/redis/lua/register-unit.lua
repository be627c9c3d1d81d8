--[[ register-unit
Registers a named unit in its kind's indexes, once: a unit already in the time index keeps
the entry it was first registered with (store/registry-store.ts). Unnamed units need only
the time index and are registered without this script.

KEYS[1] time     sorted set id -> createdAt: the kind's time index
KEYS[2] meta     hash id -> JSON [lower-case name, name, description]
KEYS[3] prefix1  sorted set id -> createdAt of names starting with the name's first code point
KEYS[4] prefix2  ... its first two code points (the longest prefix repeated for short names)
KEYS[5] prefix3  ... three
KEYS[6] prefix4  ... four
KEYS[7] prefix5  ... five
KEYS[8] prefix6  ... six
KEYS[9] prefix7  ... seven
KEYS[10] prefix8 ... eight (PREFIX_DEPTH in domain/registry-query.ts)

ARGV[1] id
ARGV[2] createdAt in ms
ARGV[3] the meta JSON

Returns 1 when it registered the unit, 0 when the unit was registered before.
]]
if redis.call('zadd', KEYS[1], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('hset', KEYS[2], ARGV[1], ARGV[3])
redis.call('zadd', KEYS[3], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[4], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[5], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[6], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[7], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[8], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[9], 'NX', ARGV[2], ARGV[1])
redis.call('zadd', KEYS[10], 'NX', ARGV[2], ARGV[1])
return 1
