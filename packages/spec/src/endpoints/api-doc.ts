/**
 * `docs/api.md`: the endpoint table as Markdown, one section per scope in doc order, one row per
 * endpoint. Generated (`npm run docs:api`), never edited; a test compares the file with
 * `renderApiDoc()`, so a table change without a regenerated file fails.
 */
import type { Endpoint } from './define.js'
import { HOST_NAMES, docUrl } from './lookup.js'
import { scopes } from './table.js'

/** The repository path of the generated file. */
export const API_DOC_PATH = 'docs/api.md'

const HEADER = ['id', 'method', 'path', 'host', 'auth', 'idempotent', 'source', 'doc', 'title']

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

function row(entry: Endpoint): string {
  const title = entry.deprecated === undefined ? entry.title : `${entry.title} (deprecated)`
  const cells = [
    `\`${entry.id}\``,
    entry.method + (entry.alsoAccepts?.length ? ` (also ${entry.alsoAccepts.join(', ')})` : ''),
    `\`${entry.path}\``,
    HOST_NAMES[entry.host],
    entry.auth,
    entry.idempotent ? 'yes' : 'no',
    entry.ref ?? 'unverified',
    `[doc](${docUrl(entry)})`,
    title,
  ]
  return `| ${cells.map(cell).join(' | ')} |`
}

function section(scope: readonly Endpoint[]): string[] {
  const name = scope[0]?.scope ?? ''
  return [
    `## ${name} (${scope.length})`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...scope.map(row),
    '',
  ]
}

/** The whole of `docs/api.md`, ending with a newline. */
export function renderApiDoc(): string {
  const groups = scopes.map((scope) => Object.values(scope) as Endpoint[])
  const total = groups.reduce((sum, group) => sum + group.length, 0)
  return [
    '# WeChat Official Account API: the endpoint table',
    '',
    '<!-- Generated from @wxmp/spec by `npm run docs:api`; do not edit by hand. -->',
    '',
    `${total} endpoints in ${groups.length} scopes, in WeChat's doc order. **auth**: ` +
      '`accessToken` (the account token in the query), `appSecret` (carries the AppSecret; ' +
      "never proxy it), `webToken` (a user's OAuth token), `none`. **idempotent**: the SDK " +
      'retries a transient failure only when yes. **source**: the protocol reference section, ' +
      "or `unverified` (from WeChat's doc pages, not checked against the reference).",
    '',
    ...groups.flatMap(section),
  ].join('\n')
}
