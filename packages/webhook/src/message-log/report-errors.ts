import type { Logger } from '../logger.js'

/**
 * An `onError` for the SQLite message log that tells the operator through the webhook's logger:
 * an error line for every write that lost entries (with how many), a warning when nothing was
 * lost (WAL checkpoints moved back onto the event loop). Without it, a full disk would cost log
 * entries in silence.
 */
export function reportMessageLogErrors(
  logger: Logger,
  file: string,
): (error: unknown, lostEntries: number) => void {
  return (error, lostEntries) => {
    const message = error instanceof Error ? error.message : String(error)
    if (lostEntries > 0) {
      logger.error('message log write failed', { file, lostEntries, error: message })
    } else logger.warn('message log', { file, error: message })
  }
}
