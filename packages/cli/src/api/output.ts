/** What API commands print: JSON for `--json`, aligned columns and readable times otherwise. */

/** Prints `value` as indented JSON on stdout (the whole of stdout for `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

/** Prints lines on stdout. */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n')
}

/** Display width of a string: CJK and other wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    width +=
      code >= 0x1100 &&
      /\p{scx=Han}|\p{scx=Hangul}|\p{scx=Hiragana}|[\u3000-\u30ff\uff00-\uffef]/u.test(char)
        ? 2
        : 1
  }
  return width
}

/** Rows as columns padded to their widest cell; the header row first. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows]
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => displayWidth(row[column] ?? ''))),
  )
  return all.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1
          ? cell
          : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell)),
      )
      .join('  ')
      .trimEnd(),
  )
}

/** A Unix time in seconds as an ISO-8601 UTC time without milliseconds (`-` when absent). */
export function isoTime(unixSeconds: number | undefined): string {
  if (unixSeconds === undefined) return '-'
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z')
}
