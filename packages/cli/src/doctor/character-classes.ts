/**
 * Describes what is wrong with the characters of a secret without quoting any of them: a message
 * may end up in a CI log, and even one character of a token narrows a guess.
 */

/** `''` when every character is a letter or digit, else e.g. `a space and 2 other characters`. */
export function describeStrayCharacters(value: string): string {
  const stray = [...value].filter((c) => !/[A-Za-z0-9]/.test(c))
  if (stray.length === 0) return ''
  const spaces = stray.filter((c) => /\s/.test(c)).length
  const others = stray.length - spaces
  const parts: string[] = []
  if (spaces > 0) parts.push(spaces === 1 ? 'a space' : `${spaces} spaces`)
  if (others > 0)
    parts.push(
      `${others} ${others === 1 ? 'character' : 'characters'} other than letters and digits`,
    )
  return parts.join(' and ')
}
