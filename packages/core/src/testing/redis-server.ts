import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/**
 * A Redis server for the tests of every wxmp package: `WXMP_REDIS_URL` if set, else a private
 * `redis-server` on a free loopback port (always a private, empty one with `{ private: true }`).
 * It speaks to Redis over a raw socket, so core needs no Redis client. Test support only.
 */
export interface TestRedis {
  readonly url: string
  /** Sends one inline command and answers the raw reply (enough to look at keys). */
  command(line: string): Promise<string>
  stop(): void
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function send(url: string, line: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) })
    let out = ''
    socket.on('data', (c: Buffer) => {
      out += c.toString()
      socket.end()
    })
    socket.on('end', () => resolve(out))
    socket.on('error', reject)
    socket.write(line + '\r\n')
  })
}

/** Starts (or reuses) a Redis server and waits until it answers PING. */
export async function startTestRedis(options: { private?: boolean } = {}): Promise<TestRedis> {
  let child: ChildProcess | undefined
  let url = options.private === true ? undefined : process.env.WXMP_REDIS_URL
  if (!url) {
    const port = await freePort()
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
    child = spawn('redis-server', args, { stdio: 'ignore' })
    url = `redis://127.0.0.1:${port}`
  }
  const limit = Date.now() + 10_000
  for (;;) {
    const pong = await send(url, 'PING').catch(() => '')
    if (pong.startsWith('+PONG')) break
    if (Date.now() > limit) throw new Error(`redis did not answer on ${url}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const found = url
  return { url: found, command: (line) => send(found, line), stop: () => child?.kill('SIGTERM') }
}
