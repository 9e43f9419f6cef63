/**
 * The Lua scripts of the Redis store. Each runs atomically on the server, so "check, then act"
 * (compare-and-delete, compare-and-expire, fenced write) cannot interleave with another instance.
 * All keys of one script share the account's `{appid}` hash tag, so they also work on a cluster.
 */

/** KEYS: lock, fence counter. ARGV: owner, ttl ms. Answers the new fence, or 0 if held. */
export const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  return redis.call('INCR', KEYS[2])
end
return 0`

/** KEYS: lock. ARGV: owner. Deletes the lock only if `owner` holds it. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** KEYS: lock. ARGV: owner, ttl ms. Extends the lock only if `owner` holds it. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`

/**
 * KEYS: state hash, fence counter. ARGV: fence, then field/value pairs. Replaces the hash only if
 * `fence` is the newest one issued.
 */
export const WRITE = `
if tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
return 1`

/** KEYS: state hash. ARGV: stale value. Marks it rejected only if it is still the value held. */
export const INVALIDATE = `
if redis.call('HGET', KEYS[1], 'value') == ARGV[1] and redis.call('HGET', KEYS[1], 'rejected') ~= '1' then
  redis.call('HSET', KEYS[1], 'rejected', '1')
  return 1
end
return 0`

/**
 * KEYS: force ledger hash. ARGV: day, now, per-day limit, spacing ms. Counts one force refresh
 * if neither limit is reached; the spacing holds across midnight.
 */
export const TAKE_FORCE = `
local used = 0
if redis.call('HGET', KEYS[1], 'day') == ARGV[1] then
  used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
end
if used >= tonumber(ARGV[3]) then return 0 end
local last = redis.call('HGET', KEYS[1], 'lastAt')
if last and tonumber(ARGV[2]) - tonumber(last) < tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], 'day', ARGV[1], 'used', used + 1, 'lastAt', ARGV[2])
return 1`
