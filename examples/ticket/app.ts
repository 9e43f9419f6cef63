/**
 * A ticket-booking Official Account in the style of the WeChatTicket course project: fans bind
 * a student id, see the current activities, book a ticket, look their tickets up and return
 * them, by text command or by menu button. State is in SQLite.
 *
 * Serve it: npx wxmp webhook --app examples/ticket/app.ts
 * (the database is $TICKET_DB, default ./data/tickets.sqlite, with one demo activity)
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { defineApp } from '@wxmp/webhook'
import type { HandlerContext, WebhookApp } from '@wxmp/webhook'
import { commandOf } from './commands.js'
import type { TicketMessage } from './commands.js'
import { TicketDb } from './db.js'
import { runChain } from './handlers.js'

/** The app over `db`. Every text, menu click and follow goes through the handler chain. */
export function ticketApp(db: TicketDb): WebhookApp {
  const answer = (message: TicketMessage, ctx: HandlerContext): string =>
    runChain(commandOf(message), { db, now: Math.floor(ctx.clock.now() / 1000) })
  return defineApp((wh) => {
    wh.on('text', answer)
    wh.on('event.CLICK', answer)
    wh.on('event.subscribe', answer)
  })
}

const DAY = 86_400

export default defineApp((wh) => {
  const file = process.env.TICKET_DB ?? './data/tickets.sqlite'
  mkdirSync(dirname(file), { recursive: true })
  const db = new TicketDb(file)
  if (db.current(Math.floor(Date.now() / 1000)).length === 0) {
    // A demo activity, bookable now, so the walk-through in the README works at once.
    const now = Math.floor(Date.now() / 1000)
    db.addActivity({
      key: 'gala',
      name: '新年晚会',
      place: '大礼堂',
      bookFrom: now,
      bookUntil: now + 2 * DAY,
      startsAt: now + 3 * DAY,
      endsAt: now + 3 * DAY + 3 * 3600,
      total: 100,
    })
  }
  return ticketApp(db)(wh)
})
