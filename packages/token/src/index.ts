/**
 * @wxmp/token: the AccessToken central-control service (中控服务器). One refresher per account
 * across every instance; SQLite or Redis store; fenced lock; HTTP API. Policy: README.md.
 */
export { createTokenService, FORCE_REFRESH_PER_DAY, FORCE_REFRESH_SPACING_MS } from './service.js'
export type { InvalidateResult, IssuedCredential, TokenService } from './service.js'
export type { TokenAccount, TokenLogEntry, TokenServiceOptions } from './options.js'
export { TokenServiceError } from './errors.js'
export type { TokenErrorReason } from './errors.js'
export type { CredentialStatus, TokenStatus } from './status.js'
export { METRICS, TokenMetrics } from './metrics.js'
export type { Labels, MetricName } from './metrics.js'
export type { FetchLike, TokenMode } from './upstream.js'
export { CREDENTIAL_KINDS, HISTORY_LENGTH } from './types.js'
export type {
  CredentialKind,
  CredentialSource,
  ForceRefreshLimits,
  ForceRefreshUsage,
  RefreshRecord,
  StoredCredential,
  StoredFailure,
  StoredState,
  TokenStore,
} from './types.js'
export { openSqliteTokenStore, SqliteTokenStore } from './store/sqlite-store.js'
export { TOKEN_STORE_SCHEMA_VERSION } from './store/sqlite-schema.js'
export { DEFAULT_REDIS_PREFIX, openRedisTokenStore, RedisTokenStore } from './store/redis-store.js'
export type { RedisTokenStoreOptions } from './store/redis-store.js'
export { createTokenRequestListener, serveTokenService } from './http/server.js'
export type { ServedTokenService, ServeTokenOptions, TokenApiOptions } from './http/server.js'
export { allows, ClientKeys, mayUseAccount } from './http/auth.js'
export type { TokenClient } from './http/auth.js'
