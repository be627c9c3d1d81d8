-- The field every batch's item hash holds besides its items, so that a batch emptied by its
-- own operations still has a hash: a missing hash then means the items expired. Item ids
-- and set names are never empty, so it can be neither.
local BATCH_MARK = ''

-- batch_exists: whether batch `index` was ever added to the job whose hash is `state`.
local function batch_exists(state, index)
  local batches = redis.call('hget', state, 'batches')
  return batches ~= false and tonumber(index) < tonumber(batches)
end

-- batch_items_lost: true when the batch's part is still open but its item hash is gone,
-- i.e. the items expired while the job lived; nothing may be settled or counted then.
local function batch_items_lost(parts, items, index)
  return redis.call('exists', items) == 0 and redis.call('hget', parts, 'batch-' .. index) == 'o'
end

-- refresh_keys: sets the TTL of every key of `keys` to `ttl` ms.
local function refresh_keys(ttl, keys)
  for _, key in ipairs(keys) do redis.call('pexpire', key, ttl) end
end
