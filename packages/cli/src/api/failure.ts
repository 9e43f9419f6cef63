/**
 * Exit codes of the API commands and how each failure is told: 0 ok; 1 WeChat, the proxy, the
 * token service or the network failed (errcode, key and the table's hint on stderr); 2 the
 * command line or the configuration is wrong, found before (or instead of) any call.
 */
import { CommanderError } from 'commander'
import { hasWxCode, isWxApiError } from '@wxmp/core'
import type { WxApiError, WxRequestError } from '@wxmp/core'

/** Exit code of a WeChat, proxy, token-service or network failure. */
export const EXIT_API = 1
/** Exit code of a usage or configuration error. */
export const EXIT_USAGE = 2

/** A bad argument or option of an API command (exit 2). `lines` are printed as they are. */
export class UsageError extends Error {
  /** Extra lines after the message, e.g. one per problem of a menu file. */
  readonly lines: readonly string[]

  constructor(message: string, lines: readonly string[] = []) {
    super(message)
    this.name = 'UsageError'
    this.lines = lines
  }
}

/** A non-WeChat service the CLI called (the token service) refused or failed (exit 1). */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ServiceError'
  }
}

/**
 * What to print for `error` and the exit code, or `undefined` for an error that is not an
 * expected failure (a bug), which the caller lets through.
 */
export function describeFailure(error: unknown): { code: number; lines: string[] } | undefined {
  if (error instanceof UsageError)
    return { code: EXIT_USAGE, lines: [`wxmp: ${error.message}`, ...error.lines] }
  if (hasWxCode(error, 'WX_ERR_CONFIG'))
    return { code: EXIT_USAGE, lines: [`wxmp: configuration error: ${(error as Error).message}`] }
  if (hasWxCode(error, 'WX_ERR_REQUEST')) {
    const request = error as WxRequestError
    return {
      code: EXIT_USAGE,
      lines: [
        `wxmp: ${request.endpoint}: not sent, WeChat would refuse it:`,
        ...request.issues.map((issue) => `  ${issue}`),
      ],
    }
  }
  if (isWxApiError(error)) return { code: EXIT_API, lines: apiErrorLines(error) }
  if (
    error instanceof ServiceError ||
    hasWxCode(error, 'WX_ERR_TRANSPORT') ||
    hasWxCode(error, 'WX_ERR_PROXY') ||
    hasWxCode(error, 'WX_ERR_TOKEN_UNAVAILABLE')
  )
    return { code: EXIT_API, lines: [`wxmp: ${(error as Error).message}`] }
  return undefined
}

/** `errcode 45015 REPLY_WINDOW_CLOSED`, WeChat's errmsg, the request id and the hint. */
function apiErrorLines(error: WxApiError): string[] {
  const where = error.endpoint ?? 'WeChat'
  const errmsg = error.errmsg.replace(/\s*rid:\s*\S+\s*$/, '')
  return [
    `wxmp: ${where}: errcode ${error.errcode} ${error.key}${errmsg === '' ? '' : `: ${errmsg}`}`,
    ...(error.rid === undefined ? [] : [`  rid: ${error.rid}`]),
    ...(error.hint === undefined ? [] : [`  hint: ${error.hint}`]),
  ]
}

/**
 * Wraps a command action: an expected failure is printed on stderr and ends the command with its
 * exit code (as a `CommanderError`, which `main` turns into the process's exit code); anything
 * else propagates unchanged.
 */
export function apiAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args)
    } catch (error) {
      const failure = describeFailure(error)
      if (failure === undefined) throw error
      process.stderr.write(failure.lines.join('\n') + '\n')
      throw new CommanderError(failure.code, 'wxmp.api', failure.lines[0] ?? '')
    }
  }
}
