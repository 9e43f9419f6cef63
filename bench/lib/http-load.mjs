// A small keep-alive HTTP load generator shared by the service benchmarks: CONNECTIONS workers
// send one request after another for a given time; every answer is checked by `accept`.
import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

/** Starts `node <script> <kind>`; resolves once it printed `port <n>`. */
export function startTarget(script, kind, env = {}) {
  const child = spawn(process.execPath, [script, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /port (\d+)/.exec(out)
      if (match) resolve({ child, port: Number(match[1]) })
    })
    child.on('exit', (code) => reject(new Error(`${kind} exited ${code}`)))
  })
}

/** CPU time (user + system) of process `pid` so far, in ms (Linux: /proc/<pid>/stat). */
export function cpuMs(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // After the command name in parentheses come the fields from the 3rd on: utime is the 14th,
  // stime the 15th, in clock ticks of 10 ms.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/**
 * Loads `127.0.0.1:port` with GET `path` for `seconds`; answers that `accept(status, body)`
 * rejects count as bad. Returns req/s of good answers, p50/p99 latency (ms) and counts.
 */
export async function load({ port, path, headers = {}, seconds, connections, accept }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let ok = 0
  let bad = 0
  const until = performance.now() + seconds * 1000
  const one = () =>
    new Promise((resolve) => {
      const started = performance.now()
      const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => {
          if (accept(res.statusCode, body)) ok++
          else bad++
          latencies.push(performance.now() - started)
          resolve()
        })
      })
      req.on('error', () => {
        bad++
        resolve()
      })
      req.end()
    })
  const worker = async () => {
    while (performance.now() < until) await one()
  }
  const began = performance.now()
  await Promise.all(Array.from({ length: connections }, worker))
  const elapsed = (performance.now() - began) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
  return { rps: ok / elapsed, ok, bad, p50: pct(50), p99: pct(99) }
}

/** The median of numbers. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
