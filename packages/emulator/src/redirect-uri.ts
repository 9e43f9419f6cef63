/**
 * Where a redirect endpoint (the OAuth consent page, §6.11) sends the browser: the caller's
 * `redirect_uri` with the answer's params added to its own query, before any fragment.
 */

/** Whether `uri` is an absolute http(s) address with a host: the only kind WeChat redirects to. */
export function isWebAddress(uri: string): boolean {
  try {
    const url = new URL(uri)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

/**
 * `redirectUri` with `params` (strings and numbers; others are left out) appended to its query.
 * The address's own query is kept as sent; a fragment stays last, so `https://x/?a=1#/page` gets
 * `https://x/?a=1&code=…&state=…#/page`, as WeChat does for single-page apps. The address is
 * normalized by the URL parser first, so the Location header never carries raw spaces or line
 * breaks. Throws for an address that is not http(s): callers check that before answering.
 */
export function redirectTarget(
  redirectUri: string,
  params: Readonly<Record<string, unknown>>,
): string {
  if (!isWebAddress(redirectUri)) throw new Error(`redirect_uri is not an http(s) address`)
  const url = new URL(redirectUri)
  const fragment = url.hash
  url.hash = ''
  const base = url.href
  const query = Object.entries(params)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&')
  if (query === '') return base + fragment
  const separator = base.endsWith('?') || base.endsWith('&') ? '' : url.search === '' ? '?' : '&'
  return base + separator + query + fragment
}
