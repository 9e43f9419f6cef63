/** The doctor's output: aligned text for people, one JSON document for scripts (`--json`). */
import type { Finding, FindingStatus } from './finding.js'

const LABEL: Readonly<Record<FindingStatus, string>> = {
  ok: 'ok  ',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'skip',
}

/** The `--json` document: `ok` is false when any finding failed. */
export interface DoctorReport {
  readonly ok: boolean
  readonly failed: number
  readonly warnings: number
  readonly findings: readonly Finding[]
}

/** Counts the findings into a report. */
export function toReport(findings: readonly Finding[]): DoctorReport {
  const failed = findings.filter((f) => f.status === 'fail').length
  const warnings = findings.filter((f) => f.status === 'warn').length
  return { ok: failed === 0, failed, warnings, findings }
}

/** Renders a report as text lines: one per finding, its fix indented below, then a summary. */
export function renderText(report: DoctorReport): string {
  const width = Math.max(...report.findings.map((f) => f.check.length), 5)
  const lines = report.findings.flatMap((f) => {
    const head = `${LABEL[f.status]}  ${f.check.padEnd(width)}  ${f.subject}: ${f.message}`
    return f.fix === undefined ? [head] : [head, `${' '.repeat(width + 8)}fix: ${f.fix}`]
  })
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  lines.push(
    '',
    report.ok
      ? `no problems found${report.warnings > 0 ? ` (${plural(report.warnings, 'warning')})` : ''}`
      : `${plural(report.failed, 'problem')}, ${plural(report.warnings, 'warning')}: fix the FAIL lines and run wxmp doctor again`,
  )
  return lines.join('\n') + '\n'
}
