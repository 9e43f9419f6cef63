/**
 * @wxmp/proxy: the API proxy in front of WeChat. Clients call WeChat's paths with their own key;
 * the proxy checks the allow-list, rate limits and daily quotas, injects the credential each
 * endpoint needs, forwards and passes WeChat's answer back unchanged. Decisions: README.md.
 */
export { createProxy, HOST_HEADER } from './proxy.js'
export type { Proxy } from './proxy.js'
export { serveProxy } from './serve.js'
export type { ServedProxy, ServeProxyOptions } from './serve.js'
export type {
  FetchLike,
  ProxyAccount,
  ProxyClient,
  ProxyLogEntry,
  ProxyOptions,
} from './options.js'
export { ACCOUNT_HEADER, tokenHash } from './callers.js'
export { remoteTokens } from './tokens.js'
export type { ProxyCredential, ProxyTokens, RemoteTokensOptions } from './tokens.js'
export { ProxyRefusal, REFUSALS } from './refusal.js'
export type { RefusalReason } from './refusal.js'
export { jsonLinesAudit } from './audit.js'
export type { AuditEntry, AuditSink } from './audit.js'
export { LATENCY_BUCKETS, PROXY_COUNTERS, ProxyMetrics } from './metrics.js'
export type { ProxyCounter } from './metrics.js'
export { MemoryProxyState } from './state/memory.js'
export {
  openSqliteProxyState,
  PROXY_STATE_SCHEMA_VERSION,
  SqliteProxyState,
} from './state/sqlite.js'
export { DEFAULT_PROXY_PREFIX, openRedisProxyState, RedisProxyState } from './state/redis.js'
export type { RedisProxyStateOptions } from './state/redis.js'
export type {
  DropInSession,
  ProxyState,
  QuotaOutcome,
  RateLimit,
  RateOutcome,
  WindowPosition,
} from './state/types.js'
