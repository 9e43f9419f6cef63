/**
 * The configuration every wxmp role shares, as zod schemas. Issue messages state the rule only
 * ("must be exactly 43 letters and digits"); `issues.ts` adds the field, what was given, the fix
 * and where the value came from.
 */
import { z } from 'zod'
import { checkClients, checkUniqueAppids } from './cross-checks.js'

/** Message encryption modes (消息加解密方式): 明文, 兼容, 安全. */
export const ENCRYPT_MODES = ['plain', 'compat', 'safe'] as const

/** Log levels (pino's names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Text field: trimmed (a pasted value often carries a newline), "is required" when absent. */
const text = (rule: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? 'is required' : rule) }).trim()

// Refinements raise custom issues, whose input is shown only on request.
const shown = (rule: string) => ({ message: rule, params: { showInput: true } })

const httpUrl = (rule: string) =>
  text(rule).refine((s) => hasProtocol(s, ['http:', 'https:']), shown(rule))

const APPID_RULE = 'must be "wx" followed by 16 hex digits'

// AppIDs are lower-case hex; an upper-case paste is accepted and lower-cased so it still
// matches the AppID inside encrypted envelopes and WeChat's own records.
const appid = text(APPID_RULE)
  .regex(/^wx[0-9a-f]{16}$/i, APPID_RULE)
  .transform((s) => s.toLowerCase())

const alnum = (rule: string, pattern: RegExp) => text(rule).regex(pattern, rule)

/** A count of calls: a whole number, zero or more. */
const count = z
  .number({ error: 'must be a whole number, zero or more' })
  .int('must be a whole number, zero or more')
  .min(0, 'must be a whole number, zero or more')

/** One Official Account: credentials, push settings and encryption. */
export const AccountConfigSchema = z
  .strictObject(
    {
      appid,
      secret: alnum('must be 32 letters and digits', /^[A-Za-z0-9]{32}$/).optional(),
      token: alnum('must be 3–32 letters and digits', /^[A-Za-z0-9]{3,32}$/),
      aesKey: alnum('must be exactly 43 letters and digits', /^[A-Za-z0-9]{43}$/).optional(),
      previousAesKey: alnum(
        'must be exactly 43 letters and digits',
        /^[A-Za-z0-9]{43}$/,
      ).optional(),
      originalId: text('must be "gh_" followed by 12 hex digits')
        .regex(/^gh_[0-9a-f]{12}$/i, 'must be "gh_" followed by 12 hex digits')
        .transform((s) => s.toLowerCase())
        .optional(),
      encryptMode: z
        .enum(ENCRYPT_MODES, { error: 'must be one of plain, compat, safe' })
        .optional(),
      pushUrl: httpUrl('must be an http:// or https:// URL').optional(),
      // The API proxy's daily ledger: calls per Beijing day by endpoint id, where this account's
      // limits differ from the table's `quota.perDay` (WeChat raises them for larger accounts).
      dailyQuota: z
        .record(
          alnum('must be an endpoint id such as "menu.create"', /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
          count,
          { error: 'must map endpoint ids to daily call counts' },
        )
        .optional(),
    },
    { error: 'must be an object with appid and token' },
  )
  .superRefine((account, ctx) => {
    const mode = account.encryptMode
    if ((mode === 'safe' || mode === 'compat') && account.aesKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['encryptMode'],
        message: `"${mode}" needs an aesKey`,
        params: {
          fix: 'set aesKey (EncodingAESKey from 基本配置 → 服务器配置), or use encryptMode "plain"',
        },
      })
    }
    if (account.previousAesKey !== undefined && account.aesKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousAesKey'],
        message: 'is set but aesKey is not',
        params: {
          fix: 'set aesKey to the current EncodingAESKey; previousAesKey is only the one before it',
        },
      })
    }
  })
  // Encrypted when a key is configured, since that is what WeChat's console defaults to.
  .transform((account) => ({
    ...account,
    encryptMode: account.encryptMode ?? (account.aesKey === undefined ? 'plain' : 'safe'),
  }))

const ALLOW_RULE = 'must be "*", "<scope>.*" or an endpoint id such as "user.get"'
const pattern = alnum(ALLOW_RULE, /^(?:\*|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:\.\*)?)$/)

/** A client's rate limits at the API proxy, in calls per minute. */
export const RateLimitConfigSchema = z.strictObject(
  {
    // Every call of the client, whatever the endpoint.
    perMinute: count.optional(),
    // Per endpoint pattern ("menu.*", "user.get"): each endpoint it admits has its own budget.
    endpoints: z
      .record(pattern, count, { error: 'must map endpoint patterns to calls per minute' })
      .optional(),
  },
  { error: 'must be an object with perMinute and/or endpoints' },
)

/** A caller of the API proxy: its key, the accounts it may use and the endpoints it may call. */
export const ClientConfigSchema = z.strictObject(
  {
    name: alnum('must be 1–64 letters, digits, "_", "." or "-"', /^[A-Za-z0-9_.-]{1,64}$/),
    key: alnum('must be at least 16 characters, without spaces', /^\S{16,}$/),
    accounts: z
      .array(appid, { error: 'must be a list of AppIDs' })
      .min(1, 'must list at least one AppID'),
    allow: z
      .array(pattern, { error: 'must be a list of endpoint patterns' })
      .min(1, 'must list at least one endpoint pattern'),
    rateLimit: RateLimitConfigSchema.optional(),
  },
  { error: 'must be an object with name, key, accounts and allow' },
)

const port = z.preprocess(
  // Environment variables and CLI flags arrive as text.
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: 'must be a whole number from 0 to 65535' })
    .int('must be a whole number from 0 to 65535')
    .min(0, 'must be a whole number from 0 to 65535')
    .max(65535, 'must be a whole number from 0 to 65535'),
)

/** Settings shared by every role (webhook, token service, proxy, emulator, CLI). */
export const WxmpConfigSchema = z
  .strictObject(
    {
      // Editors add "$schema" to JSON files for completion; accepted and dropped.
      $schema: z.string().optional(),
      accounts: z.array(AccountConfigSchema, { error: 'must be a list of accounts' }).default([]),
      clients: z.array(ClientConfigSchema, { error: 'must be a list of clients' }).default([]),
      host: alnum(
        'must be a host name or IP address, without scheme or port',
        /^(?:[^\s/:]+|[0-9A-Fa-f:.]+)$/,
      ).default('127.0.0.1'),
      port: port.optional(),
      path: alnum('must start with "/" and contain no spaces', /^\/\S*$/).default('/wx'),
      dataDir: text('must be a directory path').min(1, 'must not be empty').default('./data'),
      apiBase: httpUrl('must be an http:// or https:// URL')
        .transform((s) => s.replace(/\/+$/, ''))
        .default('https://api.weixin.qq.com'),
      redisUrl: text('must be a redis:// or rediss:// URL')
        .refine(
          (s) => hasProtocol(s, ['redis:', 'rediss:']),
          shown('must be a redis:// or rediss:// URL'),
        )
        .optional(),
      logLevel: z
        .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
        .default('info'),
    },
    { error: 'must be a JSON object' },
  )
  .superRefine((config, ctx) => {
    checkUniqueAppids(config.accounts, ctx)
    checkClients(config.clients, config.accounts, ctx)
  })
  .transform(({ $schema: _schema, ...config }) => config)

/** One account after validation and defaults (`encryptMode` always set). */
export type AccountConfig = z.output<typeof AccountConfigSchema>
/** One API-proxy client after validation. */
export type ClientConfig = z.output<typeof ClientConfigSchema>
/** A client's rate limits after validation. */
export type RateLimitConfig = z.output<typeof RateLimitConfigSchema>
/** The whole configuration after validation and defaults. */
export type WxmpConfig = z.output<typeof WxmpConfigSchema>
/** The configuration as written in a file, before defaults. */
export type WxmpConfigInput = z.input<typeof WxmpConfigSchema>

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(value)
    return protocols.includes(url.protocol) && url.host !== ''
  } catch {
    return false
  }
}
