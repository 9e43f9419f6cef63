import type { InboundMessage, MessageKey, Reply } from '@wxmp/spec/messages'
import type { HandlerContext } from './context.js'

/** Every key a route can be registered for: each message key, plus `unknown` and `invalid`. */
export type RouteKey = MessageKey | 'unknown' | 'invalid'

/** The message type a key selects, e.g. `MessageOf<'event.CLICK'>`. */
export type MessageOf<K extends RouteKey> = Extract<InboundMessage, { kind: K }>

/**
 * What a handler may return: a reply, a string (shorthand for a text reply), or nothing, which
 * answers WeChat `success` ("received, no reply").
 */
export type HandlerResult = Reply | string | null | undefined | void

/** A message handler; may be async. */
export type Handler<M = InboundMessage> = (
  message: M,
  ctx: HandlerContext,
) => HandlerResult | Promise<HandlerResult>

/** Koa-style middleware around the router: call `next()` to run the matching handler. */
export type Middleware = (
  ctx: HandlerContext,
  next: () => Promise<HandlerResult>,
) => HandlerResult | Promise<HandlerResult>

/**
 * Narrows a route by field values: a string must be equal, a RegExp must match; or a predicate.
 * Only string fields of the message can be matched by value.
 */
export type Matcher<M> =
  | { [F in keyof M as M[F] extends string | undefined ? F : never]?: string | RegExp }
  | ((message: M) => boolean)

/** How `text()` matches `Content`: exact string, RegExp, or any of some keywords contained. */
export type TextPattern = string | RegExp | { keyword: string | readonly string[] }

interface Route {
  test: ((message: InboundMessage) => boolean) | undefined
  handler: Handler<never>
}

/**
 * Routes parsed messages to handlers by key (`text`, `event.CLICK`, …), then by matcher, in
 * registration order; the first match wins. Unmatched messages go to the fallback, if any.
 */
export class Router {
  readonly #routes = new Map<string, Route[]>()
  readonly #middleware: Middleware[] = []
  #fallback: Handler | undefined

  /** Handles every message of one key, optionally only those a matcher accepts. */
  on<K extends RouteKey>(key: K, handler: Handler<MessageOf<K>>): this
  on<K extends RouteKey>(key: K, match: Matcher<MessageOf<K>>, handler: Handler<MessageOf<K>>): this
  on(key: string, a: unknown, b?: unknown): this {
    const handler = (b ?? a) as Handler<never>
    if (typeof handler !== 'function')
      throw new TypeError(`on('${key}'): the handler must be a function`)
    const test = b === undefined ? undefined : compileMatcher(a)
    let list = this.#routes.get(key)
    if (list === undefined) this.#routes.set(key, (list = []))
    list.push({ test, handler })
    return this
  }

  /** Handles text messages whose `Content` matches (exact string, RegExp or keywords). */
  text(pattern: TextPattern, handler: Handler<MessageOf<'text'>>): this {
    return this.on('text', { Content: textTest(pattern) } as Matcher<MessageOf<'text'>>, handler)
  }

  /** Handles a menu `click` button by its key (the CLICK event's `EventKey`). */
  menu(key: string, handler: Handler<MessageOf<'event.CLICK'>>): this {
    return this.on('event.CLICK', { EventKey: key } as Matcher<MessageOf<'event.CLICK'>>, handler)
  }

  /** Handles whatever no route matched (including unknown message types). */
  fallback(handler: Handler): this {
    this.#fallback = handler
    return this
  }

  /** Adds middleware that wraps every dispatch, in registration order. */
  use(middleware: Middleware): this {
    this.#middleware.push(middleware)
    return this
  }

  /** Runs middleware and the matching handler for one message. */
  dispatch(ctx: HandlerContext): HandlerResult | Promise<HandlerResult> {
    if (this.#middleware.length === 0) return this.#route(ctx)
    const chain = this.#middleware
    const run = async (i: number): Promise<HandlerResult> => {
      const mw = chain[i]
      if (mw === undefined) return this.#route(ctx)
      let called = false
      return mw(ctx, () => {
        if (called) return Promise.reject(new Error('middleware called next() twice'))
        called = true
        return run(i + 1)
      })
    }
    return run(0)
  }

  #route(ctx: HandlerContext): HandlerResult | Promise<HandlerResult> {
    const message = ctx.message
    const routes = this.#routes.get(message.kind)
    if (routes !== undefined) {
      for (const route of routes) {
        if (route.test === undefined || route.test(message)) {
          return (route.handler as Handler)(message, ctx)
        }
      }
    }
    return this.#fallback?.(message, ctx)
  }
}

function textTest(pattern: TextPattern): string | RegExp {
  if (typeof pattern === 'string' || pattern instanceof RegExp) return pattern
  const words = typeof pattern.keyword === 'string' ? [pattern.keyword] : pattern.keyword
  // A keyword list becomes one RegExp so matching stays a single scan.
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
}

function compileMatcher(match: unknown): (message: InboundMessage) => boolean {
  if (typeof match === 'function') return match as (m: InboundMessage) => boolean
  if (match === null || typeof match !== 'object')
    throw new TypeError('a matcher must be an object or a function')
  const checks = Object.entries(match as Record<string, unknown>).map(([field, want]) => {
    if (want instanceof RegExp) {
      return (m: Record<string, unknown>) => {
        const v = m[field]
        want.lastIndex = 0 // a /g or /y RegExp keeps state between tests; reset it
        return typeof v === 'string' && want.test(v)
      }
    }
    if (typeof want !== 'string')
      throw new TypeError(`matcher field ${field} must be a string or a RegExp`)
    return (m: Record<string, unknown>) => m[field] === want
  })
  return (message) => {
    for (const check of checks)
      if (!check(message as unknown as Record<string, unknown>)) return false
    return true
  }
}
