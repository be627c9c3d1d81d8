--[[ pop-and-start
Moves the oldest waiting item to running in one step: it leaves the waiting list and enters
the running set (scored by lease end) within this script, so it is never in neither.

KEYS[1] items    hash id -> item record JSON
KEYS[2] data     hash id -> data JSON
KEYS[3] waiting  list of waiting ids
KEYS[4] running  sorted set id -> lease end
KEYS[5] signal   wake-up list for blocked pops

ARGV[1] now in ms
ARGV[2] lease in ms
ARGV[3] event channel
ARGV[4] queue name

Returns {1, id, record JSON, data JSON}, or {0} when nothing is waiting.
Emits stateChanged (waiting -> running).
]]
--#include queue-item
--#include pop-next
local now = tonumber(ARGV[1])
local popped = pop_next(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], now, tonumber(ARGV[2]), ARGV[3], ARGV[4])
if not popped then return {0} end
return {1, popped[1], popped[2], popped[3]}
