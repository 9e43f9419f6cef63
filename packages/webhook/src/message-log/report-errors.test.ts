import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger.js'
import { reportMessageLogErrors } from './report-errors.js'

describe('reportMessageLogErrors', () => {
  const lines = (): { logged: string[]; report: (e: unknown, lost: number) => void } => {
    const logged: string[] = []
    const logger = createLogger({ level: 'info', write: (chunk) => logged.push(chunk) })
    const report = reportMessageLogErrors(logger, '/data/messages.sqlite')
    return {
      logged,
      report: (e, lost) => {
        report(e, lost)
        logger.flush()
      },
    }
  }

  it('logs a lost write as an error with the file and the count', () => {
    const { logged, report } = lines()
    report(new Error('database or disk is full'), 512)
    const line = JSON.parse(logged.join('')) as Record<string, unknown>
    expect(line).toMatchObject({
      level: 'error',
      msg: 'message log write failed',
      file: '/data/messages.sqlite',
      lostEntries: 512,
      error: 'database or disk is full',
    })
  })

  it('logs a loss-free problem as a warning', () => {
    const { logged, report } = lines()
    report('checkpoints are back on the event loop', 0)
    expect(JSON.parse(logged.join(''))).toMatchObject({
      level: 'warn',
      error: 'checkpoints are back on the event loop',
    })
  })
})
