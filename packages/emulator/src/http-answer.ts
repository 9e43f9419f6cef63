/**
 * An answer that is not WeChat's JSON envelope: the OAuth consent page (HTML), `showqrcode`'s
 * HTTP 404 for an unknown ticket, a redirect. A handler returns (or throws) one and the pipeline
 * sends it as it is.
 */
export class HttpAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer | string

  constructor(status: number, headers: Readonly<Record<string, string>>, body: Buffer | string) {
    this.status = status
    this.headers = headers
    this.body = body
  }

  /** An HTML page, HTTP `status` (200 by default). */
  static html(page: string, status = 200): HttpAnswer {
    return new HttpAnswer(status, { 'content-type': 'text/html; charset=utf-8' }, page)
  }

  /** A `302 Found` to `location`. */
  static redirect(location: string): HttpAnswer {
    return new HttpAnswer(302, { location }, '')
  }
}
