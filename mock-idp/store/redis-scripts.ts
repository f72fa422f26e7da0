/**
 * The Redis store's Lua scripts: each runs atomically in Redis, so budgets, expiry and single use
 * hold across every instance that shares the Redis (store.ts, redis-store.ts).
 *
 * Per kind the store keeps, besides the entries (`{ns}e:{key}`, each with a Redis TTL):
 *   `{ns}x:{kind}`  sorted set: key → when it expires on the mock's clock (ms)
 *   `{ns}w:{kind}`  sorted set: key → the order it was written in (the kind's `seq` counter)
 *   `{ns}b:{kind}`  hash: key → the bytes it counts
 *   `{ns}m:{kind}`  hash: bytes (the kind's total), refused, evicted, seq
 * An entry's value is `{expiresAt} {json}`: the mock's clock decides expiry (a test may advance
 * it), the Redis TTL only bounds how long Redis holds it.
 *
 * Entry keys are derived inside the scripts from the namespace, so the store needs a standalone
 * Redis (or one with all of a namespace on one node), not a cluster.
 */

/** Functions every script starts with. ARGV[1] is the namespace, ARGV[2] the mock's now (ms). */
const COMMON = `
local ns = ARGV[1]
local now = tonumber(ARGV[2])

local function drop(kind, member)
  local sizes = ns .. 'b:' .. kind
  local bytes = tonumber(redis.call('HGET', sizes, member) or '0')
  redis.call('ZREM', ns .. 'x:' .. kind, member)
  redis.call('ZREM', ns .. 'w:' .. kind, member)
  redis.call('HDEL', sizes, member)
  redis.call('HINCRBY', ns .. 'm:' .. kind, 'bytes', -bytes)
  redis.call('DEL', ns .. 'e:' .. member)
end

local function dropExpired(kind, limit)
  local expired = redis.call('ZRANGEBYSCORE', ns .. 'x:' .. kind, '-inf', now, 'LIMIT', 0, limit)
  for _, member in ipairs(expired) do drop(kind, member) end
  return #expired
end

local function fits(kind, entries, bytes, maxEntries, maxBytes)
  local count = redis.call('ZCARD', ns .. 'x:' .. kind)
  local total = tonumber(redis.call('HGET', ns .. 'm:' .. kind, 'bytes') or '0')
  return count + entries <= maxEntries and total + bytes <= maxBytes
end

-- Evicts the least recently written entries until the room is there (never 'keep'); returns how
-- many. As the memory store does: by expiry instead, a kind that mixes lifetimes (tokens: access
-- tokens for an hour, grants for days) would evict the access token a flow has just been given.
local function evict(kind, entries, bytes, maxEntries, maxBytes, keep)
  local evicted = 0
  while not fits(kind, entries, bytes, maxEntries, maxBytes) do
    local first = redis.call('ZRANGE', ns .. 'w:' .. kind, 0, 1)
    local victim = first[1]
    if victim == keep then victim = first[2] end
    if not victim then break end
    drop(kind, victim)
    evicted = evicted + 1
  end
  if evicted > 0 then redis.call('HINCRBY', ns .. 'm:' .. kind, 'evicted', evicted) end
  return evicted
end

-- Stores one entry within its kind's budget. Returns {'OK', evicted} or {'FULL', retryAfterMs}.
local function put(kind, member, payload, ttlMs, expiresAt, bytes, maxEntries, maxBytes, evicts)
  dropExpired(kind, 4)
  local zset = ns .. 'x:' .. kind
  local previous = redis.call('ZSCORE', zset, member)
  local replacing = previous and tonumber(previous) > now
  if previous then drop(kind, member) end
  local evicted = 0
  if not replacing then
    while not fits(kind, 1, bytes, maxEntries, maxBytes) do
      if dropExpired(kind, 100) == 0 then break end
    end
    if bytes > maxBytes or (not fits(kind, 1, bytes, maxEntries, maxBytes) and not evicts) then
      redis.call('HINCRBY', ns .. 'm:' .. kind, 'refused', 1)
      local oldest = redis.call('ZRANGE', zset, 0, 0, 'WITHSCORES')
      local retry = 1000
      if oldest[2] then retry = tonumber(oldest[2]) - now end
      return {'FULL', retry}
    end
    evicted = evict(kind, 1, bytes, maxEntries, maxBytes, nil)
  end
  redis.call('SET', ns .. 'e:' .. member, expiresAt .. ' ' .. payload, 'PX', ttlMs)
  redis.call('ZADD', zset, expiresAt, member)
  redis.call('ZADD', ns .. 'w:' .. kind, redis.call('HINCRBY', ns .. 'm:' .. kind, 'seq', 1), member)
  redis.call('HSET', ns .. 'b:' .. kind, member, bytes)
  redis.call('HINCRBY', ns .. 'm:' .. kind, 'bytes', bytes)
  -- Replacing a live entry is never refused; an evicting kind then makes room behind it.
  if replacing and evicts then evicted = evict(kind, 0, 0, maxEntries, maxBytes, member) end
  return {'OK', evicted}
end
`

/**
 * set: ARGV = ns, now, kind, key, json, ttlMs, expiresAt, bytes, maxEntries, maxBytes, evicts (0|1)
 */
export const SET_SCRIPT = `${COMMON}
return put(ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]),
  tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11] == '1')
`

/**
 * take: ARGV = ns, now, kind, key[, leaveKind, leaveKey, ttlMs, expiresAt, bytesExtra, maxEntries, maxBytes, evicts]
 * Returns the JSON taken (undefined when absent or expired); with a leave key, the JSON is stored
 * there in the same step (its bytes: the key's length plus `bytesExtra` plus the JSON's length).
 */
export const TAKE_SCRIPT = `${COMMON}
local kind, member = ARGV[3], ARGV[4]
local stored = redis.call('GET', ns .. 'e:' .. member)
if not stored then return nil end
drop(kind, member)
local space = string.find(stored, ' ', 1, true)
local expiresAt = tonumber(string.sub(stored, 1, space - 1))
if expiresAt <= now then return nil end
local json = string.sub(stored, space + 1)
if ARGV[5] then
  local leaveKey = ARGV[6]
  local bytes = string.len(leaveKey) + tonumber(ARGV[9]) + string.len(json)
  put(ARGV[5], leaveKey, json, tonumber(ARGV[7]), tonumber(ARGV[8]), bytes, tonumber(ARGV[10]),
    tonumber(ARGV[11]), ARGV[12] == '1')
end
return json
`

/** delete: ARGV = ns, now, kind, key */
export const DELETE_SCRIPT = `${COMMON}
drop(ARGV[3], ARGV[4])
return 1
`

/** usage: ARGV = ns, now, kind. Returns {entries, bytes, refused, evicted} after dropping a few expired ones. */
export const USAGE_SCRIPT = `${COMMON}
local kind = ARGV[3]
dropExpired(kind, 1000)
local meta = ns .. 'm:' .. kind
return {
  redis.call('ZCARD', ns .. 'x:' .. kind),
  tonumber(redis.call('HGET', meta, 'bytes') or '0'),
  tonumber(redis.call('HGET', meta, 'refused') or '0'),
  tonumber(redis.call('HGET', meta, 'evicted') or '0'),
}
`
