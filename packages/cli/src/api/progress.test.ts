import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { PROGRESS_MIN_BYTES, formatBytes, line, progressFetch, startProgress } from './progress.js'

function terminal(isTTY = true) {
  const writes: string[] = []
  return { isTTY, writes, write: (text: string) => writes.push(text) }
}

describe('progress', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const stream = terminal(false)
    const bar = startProgress('followers', { total: 10, stream })
    bar.update(10)
    bar.finish()
    expect(stream.writes).toEqual([])
  })

  it('draws a bar on a terminal, always at 100 %, and clears it at the end', () => {
    const stream = terminal()
    const bar = startProgress('material image', { stream })
    bar.update(20, 25)
    bar.update(25)
    bar.finish()
    expect(stream.writes[0]).toBe(`\r\x1b[2K${line('material image', 20, 25)}`)
    expect(stream.writes.at(-2)).toContain('[########################] 25/25 100%')
    expect(stream.writes.at(-1)).toBe('\r\x1b[2K')
  })

  it('renders counts, sizes and an unknown total', () => {
    expect(line('x', 5, 10)).toBe('x [############------------] 5/10 50%')
    expect(line('x', 7, undefined)).toBe('x 7')
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(12_700)).toBe('12.4 KB')
    expect(formatBytes(3_250_000)).toBe('3.1 MB')
  })

  it('counts a large upload as it is sent, keeping its Content-Length and bytes', async () => {
    const received: { length: string | undefined; chunked: boolean; bytes: number }[] = []
    const server = createServer((request, response) => {
      let bytes = 0
      request.on('data', (chunk: Buffer) => (bytes += chunk.length))
      request.on('end', () => {
        received.push({
          length: request.headers['content-length'],
          chunked: request.headers['transfer-encoding'] === 'chunked',
          bytes,
        })
        response.end('{}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      const stream = terminal()
      const counted = progressFetch((request) => fetch(request), stream)
      const size = PROGRESS_MIN_BYTES + 100_000
      const form = new FormData()
      form.set('media', new Blob([new Uint8Array(size)]), 'big.jpg')
      await counted(new Request(`http://127.0.0.1:${port}/up`, { method: 'POST', body: form }))
      expect(received).toHaveLength(1)
      expect(received[0]?.chunked).toBe(false)
      expect(Number(received[0]?.length)).toBe(received[0]?.bytes)
      expect(received[0]!.bytes).toBeGreaterThan(size)
      expect(stream.writes.some((w) => w.includes('uploading [') && w.includes('100%'))).toBe(true)
      expect(stream.writes.at(-1)).toBe('\r\x1b[2K')

      // A small body is passed on untouched by the bar.
      const quiet = terminal()
      await progressFetch(
        (request) => fetch(request),
        quiet,
      )(new Request(`http://127.0.0.1:${port}/small`, { method: 'POST', body: 'tiny' }))
      expect(quiet.writes).toEqual([])
      expect(received[1]).toMatchObject({ bytes: 4 })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
