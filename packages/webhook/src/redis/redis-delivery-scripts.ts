/**
 * The Lua scripts of the Redis delivery store. Each runs atomically on the server, so a claim,
 * a settle and a lease renewal cannot interleave with another webhook instance's. Each script
 * touches one key; the channel a settle publishes on is not a key.
 */

/**
 * KEYS: claim. ARGV: pending value, lease ms. Takes the claim with `SET NX PX`, answering nil;
 * when it is already taken, answers the value held, read in the same step (a separate GET could
 * find the key expired in between and mistake a retry for a fresh push).
 */
export const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`

/**
 * KEYS: claim. ARGV: our pending value, settled value, ttl ms, channel. Stores the answer if the
 * claim is still ours, or if our lease lapsed and nobody took the key since; never over another
 * attempt's claim. Publishes the answer for retries waiting on any instance either way.
 */
export const SETTLE = `
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] or not held then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1`

/**
 * KEYS: claim. ARGV: our pending value, the answer for waiting retries, channel. Gives up the
 * claim if it is still ours (the next identical request claims it afresh) and publishes the
 * answer to retries waiting on any instance, without storing it.
 */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[3], ARGV[2])
return 1`

/** KEYS: claim. ARGV: our pending value, lease ms. Extends the lease only while the claim is ours and pending. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`

/** KEYS: a time-bucket counter. ARGV: ttl ms. Counts one new claim; the bucket expires on its own. */
export const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`
