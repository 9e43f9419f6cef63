/**
 * What one doctor check reports: a status, what it found in one sentence, and the fix in one
 * sentence. Secrets never appear in either; a secret is described by its length and character
 * classes only.
 */

/** `fail` makes `wxmp doctor` exit 1; `warn` does not; `skip` means the check could not run. */
export type FindingStatus = 'ok' | 'warn' | 'fail' | 'skip'

/** One result of one check. */
export interface Finding {
  /** Which check: `appid`, `token`, `aes-key`, `push-url`, `api-host`, `clock`, `ip-whitelist`, `config`. */
  readonly check: string
  readonly status: FindingStatus
  /** What was checked, e.g. `accounts[0].token` or `https://api.weixin.qq.com`. */
  readonly subject: string
  /** What was found. */
  readonly message: string
  /** How to fix it, one sentence; absent when nothing needs fixing. */
  readonly fix?: string
}

/** Builds a finding, leaving `fix` out when it is undefined. */
export function finding(
  check: string,
  status: FindingStatus,
  subject: string,
  message: string,
  fix?: string,
): Finding {
  return fix === undefined
    ? { check, status, subject, message }
    : { check, status, subject, message, fix }
}

/** Whether any finding failed: the exit code of `wxmp doctor`. */
export function anyFailed(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status === 'fail')
}
