/**
 * What a fan asked for, from a text command or a menu key: both routes lead to the same handler
 * chain. Text commands are forgiving about spaces and case; menu keys are exact.
 */
import type { MessageOf } from '@wxmp/webhook'

/** The pushes the ticket account handles. */
export type TicketMessage =
  MessageOf<'text'> | MessageOf<'event.CLICK'> | MessageOf<'event.subscribe'>

/** The actions of the ticket account. */
export type Action = 'help' | 'bind' | 'list' | 'book' | 'query' | 'return' | 'unknown'

/** One request: the action, its argument (student id, activity key) and who asked. */
export interface Command {
  readonly action: Action
  readonly arg: string
  readonly openid: string
}

/** Menu keys; `BOOK_<activity key>` books that activity (the menu lists current ones). */
export const KEYS = {
  help: 'TICKET_HELP',
  bind: 'TICKET_BIND',
  list: 'TICKET_LIST',
  query: 'TICKET_QUERY',
  bookPrefix: 'BOOK_',
} as const

const TEXT_COMMANDS: readonly [RegExp, Action][] = [
  [/^(?:帮助|help|\?|？)$/i, 'help'],
  [/^(?:绑定|bind)(?:\s+(.*))?$/i, 'bind'],
  [/^(?:活动|抢啥|list)$/i, 'list'],
  [/^(?:抢票|book)(?:\s+(.*))?$/i, 'book'],
  [/^(?:查票|tickets?)$/i, 'query'],
  [/^(?:退票|return)(?:\s+(.*))?$/i, 'return'],
]

/** The command in a pushed message; `unknown` for anything the account does not understand. */
export function commandOf(message: TicketMessage): Command {
  const openid = message.FromUserName
  if (message.kind === 'event.subscribe') return { action: 'help', arg: '', openid }
  if (message.kind === 'event.CLICK') {
    const key = message.EventKey
    if (key.startsWith(KEYS.bookPrefix))
      return { action: 'book', arg: key.slice(KEYS.bookPrefix.length), openid }
    const action = (Object.keys(KEYS) as (keyof typeof KEYS)[]).find((a) => KEYS[a] === key)
    return {
      action: action === undefined || action === 'bookPrefix' ? 'unknown' : action,
      arg: '',
      openid,
    }
  }
  const text = message.Content.trim()
  for (const [pattern, action] of TEXT_COMMANDS) {
    const match = pattern.exec(text)
    if (match) return { action, arg: (match[1] ?? '').trim(), openid }
  }
  return { action: 'unknown', arg: '', openid }
}
