/**
 * Reads the protocol reference (the repository's vendored copy, `reference/wechat-mp-protocol.md`)
 * for the table tests: the §6.0 endpoint index as rows, and the section headings.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Host, HttpMethod } from './define.js'

/** The vendored reference, at the repository root (see reference/README.md). */
export const REFERENCE_PATH = fileURLToPath(
  new URL('../../../../reference/wechat-mp-protocol.md', import.meta.url),
)

/** The team's shared original beside the checkout, when it is there. */
export const SHARED_REFERENCE_PATH = fileURLToPath(
  new URL('../../../../../shared/reference/wechat-mp-protocol.md', import.meta.url),
)

/** Whether the reference is there (a clone that lost it fails the copy test, not silently). */
export const hasReference = existsSync(REFERENCE_PATH)

/** The reference text, or `''` when it is absent. */
export const referenceText = hasReference ? readFileSync(REFERENCE_PATH, 'utf8') : ''

/** One route of a §6.0 row (the blacklist row names three). */
export interface IndexRoute {
  readonly host: Host
  readonly path: string
  /** Query parameters named in the path cell, with their example value ('' when none). */
  readonly query: ReadonlyMap<string, string>
}

/** One row of the §6.0 endpoint index. */
export interface IndexRow {
  readonly line: string
  readonly area: string
  /** Every verb the row names; the first is the documented one. */
  readonly methods: readonly HttpMethod[]
  readonly routes: readonly IndexRoute[]
  readonly body: string
  readonly response: string
}

const HOSTS: Readonly<Record<string, Host>> = {
  'api.weixin.qq.com': 'api',
  'mp.weixin.qq.com': 'mp',
  'open.weixin.qq.com': 'open',
}

/** The rows of the §6.0 table. */
export function indexRows(markdown: string): IndexRow[] {
  const section = markdown.split('### 6.0')[1]?.split('### 6.1')[0] ?? ''
  return section
    .split('\n')
    .filter(
      (line) => line.startsWith('| ') && !line.startsWith('| Area') && !line.startsWith('|---'),
    )
    .map((line) => {
      // Cells may hold escaped pipes (`"all"\|"dns"`), which are not column separators.
      const [area = '', method = '', path = '', body = '', response = ''] = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('\\|', '|'))
      const methods = [...method.matchAll(/\b(GET|POST)\b/g)].map((m) => m[1] as HttpMethod)
      return { line, area, methods, routes: routesOf(path), body, response }
    })
}

/**
 * `/a/b?x=1&y` → one route; `` `/a/b` / `c` `` → `/a/b` and `/a/c`; full URLs pick their host.
 * `` `…?type=jsapi` (or `wx_card`) `` adds `wx_card` as another value of the last parameter.
 */
function routesOf(cell: string): IndexRoute[] {
  const alternative = /\(or `([^`]+)`\)/.exec(cell)?.[1]
  const paths = alternative === undefined ? cell : cell.replace(/\(or `[^`]+`\)/, '')
  const parts = [...paths.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')
  const first = parts[0] ?? ''
  const dir = first.split('?')[0]?.replace(/\/[^/]*$/, '') ?? ''
  return parts.map((part) => {
    let host: Host = 'api'
    let rest = part
    const url = /^https:\/\/([^/]+)(\/.*)$/.exec(part)
    if (url) {
      host = HOSTS[url[1] ?? ''] ?? 'api'
      rest = url[2] ?? ''
    } else if (!part.startsWith('/')) {
      rest = `${dir}/${part}`
    }
    const [path = '', plain = ''] = rest.split('?')
    const search = alternative === undefined ? plain : `${plain}|${alternative}`
    const query = new Map(
      search
        .split('&')
        .filter(Boolean)
        .map((pair): [string, string] => {
          const [key = '', value = ''] = pair.split('=')
          return [key, value]
        }),
    )
    return { host, path, query }
  })
}

/**
 * The top-level keys of a JSON-ish cell such as `{media_id, index, articles:{…}}` or
 * `{"action":"all"|"dns", …}`, each as its alternatives (`touser|towxname` → two). Optional marks
 * (`url?`) and ellipses are dropped. `undefined` when the cell is not an object literal.
 */
export function topLevelKeys(cell: string): string[][] | undefined {
  const text = /^`(\{.*\})`$/.exec(cell.trim())?.[1]
  if (text === undefined) return undefined
  const segments: string[] = []
  let depth = 0
  let current = ''
  for (const char of text.slice(1, -1)) {
    if (char === '{' || char === '[') depth++
    if (char === '}' || char === ']') depth--
    if (char === ',' && depth === 0) {
      segments.push(current)
      current = ''
    } else {
      current += char
    }
  }
  segments.push(current)
  return segments
    .map((segment) =>
      (segment.split(':')[0] ?? '')
        .split('|')
        .map((alt) => alt.replace(/["?\s]/g, ''))
        .filter((alt) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(alt)),
    )
    .filter((alts) => alts.length > 0)
}

/** Whether the reference has a heading for `§6.11` / `§5.1`-style section numbers. */
export function hasSection(markdown: string, ref: string): boolean {
  const number = ref.replace(/^§/, '')
  return new RegExp(`^#{2,3} ${number.replace('.', '\\.')}[ .]`, 'm').test(markdown)
}
