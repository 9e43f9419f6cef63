/**
 * The token service: hands out each account's access_token and jsapi_ticket from the shared
 * store, and refreshes them — at most one refresh per account and kind in flight across all
 * instances (single-flight in process, a fenced lock in the store). Policy: README.md.
 */
import { randomUUID } from 'node:crypto'
import { isWxApiError, beijingDay } from '@wxmp/core'
import type { TimerHandle } from '@wxmp/core'
import { TokenServiceError } from './errors.js'
import { errorFromFailure, failureFrom, failureHolds } from './failure.js'
import { TokenMetrics } from './metrics.js'
import { resolveOptions } from './options.js'
import type { ResolvedOptions, TokenAccount, TokenServiceOptions } from './options.js'
import { readStatus } from './status.js'
import type { TokenStatus } from './status.js'
import type { CredentialKind, RefreshRecord, StoredCredential, StoredState } from './types.js'
import { Upstream } from './upstream.js'
import type { Issued } from './upstream.js'

/** WeChat's force_refresh allowance for stable_token (§5.2): 20 a Beijing day, 30 s apart. */
export const FORCE_REFRESH_PER_DAY = 20
/** Minimum spacing between two force refreshes of one account. */
export const FORCE_REFRESH_SPACING_MS = 30_000

/** A credential as handed to callers. */
export interface IssuedCredential {
  /** The access_token or jsapi_ticket. */
  readonly value: string
  /** When WeChat stops accepting it (epoch ms). */
  readonly expiresAt: number
}

/** The outcome of `invalidate`. */
export interface InvalidateResult {
  /** True when the reported token was still the current one and is now retired. */
  readonly invalidated: boolean
  /** The credential to use from now on. */
  readonly current: IssuedCredential
}

/** A running token service. */
export interface TokenService {
  /** The AppIDs it serves. */
  readonly appids: readonly string[]
  /** Its counters (rendered by `/metrics`). */
  readonly metrics: TokenMetrics
  /** The account's access_token; waits for a refresh only when none is usable. */
  accessToken(appid: string): Promise<IssuedCredential>
  /** The account's jsapi_ticket (fetched with its access_token). */
  jsapiTicket(appid: string): Promise<IssuedCredential>
  /**
   * A caller's report that WeChat rejected `stale` (40001/40014/42001): retires it only if it is
   * still the current token, then answers a usable one.
   */
  invalidate(appid: string, stale: string): Promise<InvalidateResult>
  /** Expiry, recent refreshes and their outcomes, force-refresh usage. Holds no secret. */
  status(appid: string): Promise<TokenStatus>
  /** Resolves once no background refresh is running. */
  idle(): Promise<void>
  /** Stops the refresh timers and waits for refreshes in flight. The store stays open. */
  close(): Promise<void>
}

type Trigger = RefreshRecord['trigger']

const usable = (c: StoredCredential | undefined, now: number): c is StoredCredential =>
  c !== undefined && !c.rejected && now < c.expiresAt

const handOut = (c: StoredCredential): IssuedCredential => ({
  value: c.value,
  expiresAt: c.expiresAt,
})

/**
 * Creates a token service over `options.store`.
 *
 * @example
 * const service = createTokenService({ accounts: config.accounts, store: openSqliteTokenStore(file) })
 * const { value } = await service.accessToken('wx0123456789abcdef')
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  return new Service(
    resolveOptions(options),
    options.metrics ?? new TokenMetrics(),
    options.instanceId,
  )
}

class Service implements TokenService {
  readonly appids: readonly string[]
  readonly metrics: TokenMetrics
  readonly #o: ResolvedOptions
  readonly #upstream: Upstream
  readonly #owner: string
  readonly #inflight = new Map<string, Promise<StoredCredential>>()
  readonly #timers = new Map<string, { handle: TimerHandle; at: number }>()
  readonly #jitter = new Map<string, { value: string; ms: number }>()
  /** After WeChat answered the value already held: not before this time again (per instance). */
  readonly #notBefore = new Map<string, { value: string; at: number; count: number }>()
  readonly #background = new Set<Promise<unknown>>()
  #closed = false

  constructor(o: ResolvedOptions, metrics: TokenMetrics, instanceId: string | undefined) {
    this.#o = o
    this.metrics = metrics
    this.appids = [...o.accounts.keys()]
    this.#owner = `${instanceId ?? 'token'}:${randomUUID()}`
    this.#upstream = new Upstream({
      fetch: o.fetch,
      apiBase: o.apiBase,
      clock: o.clock,
      timeoutMs: o.upstreamTimeoutMs,
    })
  }

  async accessToken(appid: string): Promise<IssuedCredential> {
    return handOut(await this.#get(this.#account(appid).appid, 'access_token'))
  }

  async jsapiTicket(appid: string): Promise<IssuedCredential> {
    return handOut(await this.#get(this.#account(appid).appid, 'jsapi_ticket'))
  }

  async invalidate(appid: string, stale: string): Promise<InvalidateResult> {
    const id = this.#account(appid).appid
    const invalidated = await this.#o.store.invalidate(id, 'access_token', stale)
    this.metrics.inc('wxmp_token_invalidations_total', {
      appid: id,
      outcome: invalidated ? 'invalidated' : 'not-current',
    })
    if (invalidated)
      this.#o.log({ level: 'info', msg: 'access_token reported rejected', appid: id })
    const state = await this.#o.store.read(id, 'access_token')
    const now = this.#o.clock.now()
    if (usable(state?.credential, now) && state.credential.value !== stale) {
      return { invalidated, current: handOut(state.credential) }
    }
    let current = await this.#refresh(id, 'access_token', 'rejected')
    // A refresh already in flight may have been an active one that ended before the report.
    if (current.value === stale && invalidated) {
      current = await this.#refresh(id, 'access_token', 'rejected')
    }
    return { invalidated, current: handOut(current) }
  }

  async status(appid: string): Promise<TokenStatus> {
    const id = this.#account(appid).appid
    return readStatus(this.#o.store, id, this.#o.mode, this.#o.clock.now())
  }

  async idle(): Promise<void> {
    while (this.#background.size > 0 || this.#inflight.size > 0) {
      await Promise.allSettled([...this.#background, ...this.#inflight.values()])
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const { handle } of this.#timers.values()) this.#o.clock.clearTimeout(handle)
    this.#timers.clear()
    await this.idle()
  }

  #account(appid: string): TokenAccount & { appid: string } {
    const id = appid.toLowerCase()
    const account = this.#o.accounts.get(id)
    if (!account)
      throw new TokenServiceError(
        'unknown-account',
        `no account ${JSON.stringify(appid)} is configured`,
      )
    return { ...account, appid: id }
  }

  /** A usable credential: from the store when it has one, else after a refresh. */
  async #get(appid: string, kind: CredentialKind): Promise<StoredCredential> {
    const state = await this.#o.store.read(appid, kind)
    if (usable(state?.credential, this.#o.clock.now())) {
      this.metrics.inc('wxmp_token_cache_hits_total', { appid, kind })
      this.#plan(appid, kind, state)
      return state.credential
    }
    return this.#refresh(appid, kind, 'missing')
  }

  /** When this instance should next refresh `kind` ahead of expiry. */
  #dueAt(appid: string, kind: CredentialKind, state: StoredState): number {
    const c = state.credential
    if (!c) return 0
    const key = `${appid}:${kind}`
    let jitter = this.#jitter.get(key)
    if (jitter?.value !== c.value) {
      jitter = { value: c.value, ms: Math.floor(this.#o.random() * this.#o.jitterMs) }
      this.#jitter.set(key, jitter)
    }
    let due = c.expiresAt - this.#o.refreshWindowMs + jitter.ms
    const notBefore = this.#notBefore.get(key)
    if (notBefore?.value === c.value) due = Math.max(due, notBefore.at)
    const failure = state.failure
    if (failure !== undefined) due = Math.max(due, failure.retryAt)
    return due
  }

  /** Refreshes now in the background if due, else arms the timer for when it is. */
  #plan(appid: string, kind: CredentialKind, state: StoredState | undefined): void {
    if (this.#closed || !state?.credential) return
    const key = `${appid}:${kind}`
    const due = this.#dueAt(appid, kind, state)
    const now = this.#o.clock.now()
    if (now >= due) {
      if (!this.#inflight.has(key)) this.#inBackground(() => this.#refresh(appid, kind, 'active'))
      return
    }
    if (!this.#o.activeTimers) return
    const armed = this.#timers.get(key)
    if (armed?.at === due) return
    if (armed) this.#o.clock.clearTimeout(armed.handle)
    const handle = this.#o.clock.setTimeout(() => {
      this.#timers.delete(key)
      this.#inBackground(async () => this.#plan(appid, kind, await this.#o.store.read(appid, kind)))
    }, due - now)
    this.#timers.set(key, { handle, at: due })
  }

  #inBackground(task: () => Promise<unknown>): void {
    const running: Promise<unknown> = task()
      .catch((err: unknown) => {
        // Logged where it failed; a background refresh never throws at anyone.
        void err
      })
      .finally(() => this.#background.delete(running))
    this.#background.add(running)
  }

  /** Single-flight: one refresh per account and kind in this process; others join it. */
  #refresh(appid: string, kind: CredentialKind, trigger: Trigger): Promise<StoredCredential> {
    const key = `${appid}:${kind}`
    const running = this.#inflight.get(key)
    if (running) return running
    const started = this.#refreshShared(appid, kind, trigger).finally(() =>
      this.#inflight.delete(key),
    )
    this.#inflight.set(key, started)
    return started
  }

  /**
   * One refresh across instances: whoever takes the lock calls WeChat; the others look at the
   * store again (doubling pauses) until the new value appears or the lease runs out and they
   * can take over.
   */
  async #refreshShared(
    appid: string,
    kind: CredentialKind,
    trigger: Trigger,
  ): Promise<StoredCredential> {
    const { clock, store } = this.#o
    const deadline = clock.now() + this.#o.waitTimeoutMs
    const seen = (await store.read(appid, kind))?.credential?.value
    let pause = this.#o.pollMs
    for (;;) {
      const state = await store.read(appid, kind)
      const done = this.#settled(appid, kind, trigger, state, seen)
      if (done) return done
      // A ticket needs a token: get it before taking the ticket's lock, not while holding it.
      const token = kind === 'jsapi_ticket' ? await this.#get(appid, 'access_token') : undefined
      const fence = await store.acquire(appid, kind, this.#owner, this.#o.lockTtlMs, clock.now())
      if (fence !== undefined) {
        try {
          const result = await this.#refreshHolding(appid, kind, trigger, seen, fence, token)
          if (result) return result
        } finally {
          await store.release(appid, kind, this.#owner)
        }
      } else {
        this.metrics.inc('wxmp_token_lock_waits_total', { appid, kind })
      }
      if (clock.now() >= deadline) {
        const current = (await store.read(appid, kind))?.credential
        if (trigger === 'active' && usable(current, clock.now())) return current
        throw new TokenServiceError(
          'timeout',
          `no ${kind} for ${appid} within ${this.#o.waitTimeoutMs} ms (another instance holds the refresh lock)`,
        )
      }
      // A caller is waiting on this pause, but the system clock's timers are unref'd: a plain
      // timer keeps a process whose only work is this wait (a CLI, a script) from exiting. It
      // outlasts the pause by a margin: were both due in the same millisecond, the plain one
      // could fire first and leave the loop empty just before the clock's timer is run.
      const keepAlive = setTimeout(() => {}, pause + 1000)
      await new Promise<void>((resolve) => clock.setTimeout(resolve, pause))
      clearTimeout(keepAlive)
      pause = Math.min(pause * 2, this.#o.maxPollMs)
    }
  }

  /**
   * The credential to answer without calling WeChat, if any: a refresh is over once the store
   * holds a usable value (for an active refresh: one other than the value it set out to replace,
   * or none is due yet). Throws while a stored failure holds and nothing usable is left.
   */
  #settled(
    appid: string,
    kind: CredentialKind,
    trigger: Trigger,
    state: StoredState | undefined,
    seen: string | undefined,
  ): StoredCredential | undefined {
    const now = this.#o.clock.now()
    const c = state?.credential
    if (usable(c, now)) {
      if (trigger !== 'active') return c
      if (c.value !== seen || now < this.#dueAt(appid, kind, state!)) return c
    }
    const secret = this.#o.accounts.get(appid)?.secret
    if (failureHolds(state?.failure, now, secret)) {
      if (usable(c, now)) return c
      throw errorFromFailure(state.failure)
    }
    return undefined
  }

  /** Under the lock: check again, call WeChat, write fenced. `undefined`: lost the lease, go round. */
  async #refreshHolding(
    appid: string,
    kind: CredentialKind,
    trigger: Trigger,
    seen: string | undefined,
    fence: number,
    token: StoredCredential | undefined,
  ): Promise<StoredCredential | undefined> {
    const { clock, store, log } = this.#o
    const state = (await store.read(appid, kind)) ?? {}
    const done = this.#settled(appid, kind, trigger, state, seen)
    if (done) return done
    const account = this.#account(appid)
    let outcome: RefreshRecord['outcome']
    let credential: StoredCredential
    try {
      if (account.secret === undefined) {
        throw new TokenServiceError('config', `account ${appid} has no secret configured`)
      }
      const fetched =
        kind === 'access_token'
          ? await this.#fetchToken(appid, account.secret, state, trigger)
          : await this.#fetchTicket(appid, token!)
      outcome = fetched.outcome
      credential = fetched.credential
    } catch (err) {
      const failure =
        err instanceof TokenServiceError && err.reason === 'config'
          ? {
              kind: 'config' as const,
              message: err.message,
              at: clock.now(),
              attempts: 1,
              retryAt: clock.now() + this.#o.configRetryMs,
            }
          : failureFrom(err, state.failure, clock.now(), this.#o, account.secret)
      const errcode = failure.errcode
      this.metrics.inc('wxmp_token_upstream_errors_total', {
        appid,
        kind,
        errcode: String(errcode ?? 'transport'),
      })
      this.metrics.inc('wxmp_token_refreshes_total', {
        appid,
        kind,
        trigger,
        outcome: failure.kind,
      })
      log({
        level: failure.kind === 'config' ? 'error' : 'warn',
        msg: `${kind} refresh failed: ${failure.message}`,
        appid,
        kind,
        errcode,
      })
      await store.write(appid, kind, { credential: state.credential, failure }, fence)
      await store.recordRefresh(appid, {
        at: clock.now(),
        kind,
        trigger,
        outcome: failure.kind,
        errcode,
        message: failure.message,
      })
      const current = state.credential
      if (usable(current, clock.now())) {
        this.#plan(appid, kind, { credential: current, failure })
        return current
      }
      throw errorFromFailure(failure)
    }
    const next: StoredState = { credential }
    if (!(await store.write(appid, kind, next, fence))) {
      log({
        level: 'warn',
        msg: `${kind} refresh lost its lease; the newer value is kept`,
        appid,
        kind,
      })
      return undefined
    }
    this.metrics.inc('wxmp_token_refreshes_total', { appid, kind, trigger, outcome })
    await store.recordRefresh(appid, { at: credential.fetchedAt, kind, trigger, outcome })
    log({ level: 'info', msg: `${kind} refreshed (${trigger}, ${outcome})`, appid, kind })
    this.#noteSame(appid, kind, credential, outcome === 'same')
    this.#plan(appid, kind, next)
    return credential
  }

  /**
   * After WeChat answered the value already held, the next active try waits: a ticket until it
   * expires (WeChat hands out the cached ticket until then), a token by the doubling backoff.
   */
  #noteSame(appid: string, kind: CredentialKind, c: StoredCredential, same: boolean): void {
    const key = `${appid}:${kind}`
    if (!same) {
      this.#notBefore.delete(key)
      return
    }
    const count = (this.#notBefore.get(key)?.count ?? 0) + 1
    const backoff = Math.min(this.#o.backoffMaxMs, this.#o.backoffInitialMs * 2 ** (count - 1))
    const at = kind === 'jsapi_ticket' ? c.expiresAt : this.#o.clock.now() + backoff
    this.#notBefore.set(key, { value: c.value, at, count })
  }

  /**
   * Normal mode first. Only when a caller reported the token rejected and WeChat hands back that
   * same token is force_refresh used, and only if the shared ledger allows it.
   */
  async #fetchToken(
    appid: string,
    secret: string,
    state: StoredState,
    trigger: Trigger,
  ): Promise<{ credential: StoredCredential; outcome: RefreshRecord['outcome'] }> {
    const { clock, store, mode } = this.#o
    const previous = state.credential
    let fetchedAt = clock.now()
    let issued = await this.#upstream.accessToken({ appid, secret }, mode)
    let outcome: RefreshRecord['outcome'] = issued.value === previous?.value ? 'same' : 'ok'
    if (mode === 'stable' && trigger === 'rejected' && previous?.rejected && outcome === 'same') {
      const now = clock.now()
      const limits = {
        day: beijingDay(now),
        now,
        perDay: FORCE_REFRESH_PER_DAY,
        spacingMs: FORCE_REFRESH_SPACING_MS,
      }
      if (await store.takeForceRefresh(appid, limits)) {
        await store.renew(appid, 'access_token', this.#owner, this.#o.lockTtlMs, now)
        fetchedAt = clock.now()
        issued = await this.#upstream.accessToken({ appid, secret }, 'stable', true)
        outcome = issued.value === previous.value ? 'force-refused' : 'forced'
      } else {
        outcome = 'force-refused'
      }
      if (outcome === 'force-refused') {
        // WeChat vouches for the token in normal mode: it is served again rather than none.
        this.#o.log({
          level: 'warn',
          msg: 'WeChat answers the reported token as current; force_refresh is not allowed now',
          appid,
          kind: 'access_token',
        })
      }
    }
    return { credential: credentialOf(issued, fetchedAt, mode), outcome }
  }

  /** getticket with the current token; a token error retires that token and tries once more. */
  async #fetchTicket(
    appid: string,
    token: StoredCredential,
  ): Promise<{ credential: StoredCredential; outcome: RefreshRecord['outcome'] }> {
    const { clock, store } = this.#o
    const previous = (await store.read(appid, 'jsapi_ticket'))?.credential
    let fetchedAt = clock.now()
    let issued: Issued
    try {
      issued = await this.#upstream.jsapiTicket(token.value)
    } catch (err) {
      if (!isWxApiError(err) || err.kind !== 'token') throw err
      // The same path as a caller's report: compare-and-invalidate, then force only if needed.
      const fresh = (await this.invalidate(appid, token.value)).current
      await store.renew(appid, 'jsapi_ticket', this.#owner, this.#o.lockTtlMs, clock.now())
      fetchedAt = clock.now()
      issued = await this.#upstream.jsapiTicket(fresh.value)
    }
    const outcome = issued.value === previous?.value ? 'same' : 'ok'
    return { credential: credentialOf(issued, fetchedAt, 'ticket'), outcome }
  }
}

function credentialOf(
  issued: Issued,
  fetchedAt: number,
  source: StoredCredential['source'],
): StoredCredential {
  return {
    value: issued.value,
    expiresAt: fetchedAt + issued.expiresIn * 1000,
    fetchedAt,
    source,
    rejected: false,
  }
}
