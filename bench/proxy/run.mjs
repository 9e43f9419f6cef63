// The API proxy's cost per call against a bare forwarder (node:http + the platform's fetch), side
// by side in one run (issue 5: target ≤ 1.5× the forwarder's CPU per call), and the latency each
// adds over calling the upstream directly. Each target runs in its own process; this process
// loads them in turn, REPEAT times, checking every answer.
//   npm run build && node bench/proxy/run.mjs            # CONNECTIONS=20 DURATION=8 REPEAT=3
import { cpuMs, load, median, startTarget } from '../lib/http-load.mjs'

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20)
const DURATION = Number(process.env.DURATION ?? 8)
const WARMUP = Number(process.env.WARMUP ?? 2)
const REPEAT = Number(process.env.REPEAT ?? 3)
const SCRIPT = new URL('./target.mjs', import.meta.url).pathname
const PATH = '/cgi-bin/menu/get'
const TOKEN = 'T'.repeat(136)

const upstream = await startTarget(SCRIPT, 'upstream')
const env = { UPSTREAM: `http://127.0.0.1:${upstream.port}` }
const targets = {
  direct: { ...upstream, path: `${PATH}?access_token=${TOKEN}`, headers: {} },
  forwarder: { ...(await startTarget(SCRIPT, 'forwarder', env)), path: PATH, headers: {} },
  proxy: {
    ...(await startTarget(SCRIPT, 'proxy', env)),
    path: PATH,
    headers: { authorization: 'Bearer bench-client-key-0001' },
  },
}
const accept = (status, body) => status === 200 && body.includes('"menu"')
const results = { direct: [], forwarder: [], proxy: [] }
for (let round = 0; round < REPEAT; round++) {
  for (const [name, target] of Object.entries(targets)) {
    const run = {
      port: target.port,
      path: target.path,
      headers: target.headers,
      connections: CONNECTIONS,
      accept,
    }
    await load({ ...run, seconds: WARMUP })
    const cpuBefore = cpuMs(target.child.pid)
    const result = await load({ ...run, seconds: DURATION })
    result.cpuMsPerCall = (cpuMs(target.child.pid) - cpuBefore) / Math.max(1, result.ok)
    results[name].push(result)
    console.error(
      `${name} round ${round + 1}: ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${(result.cpuMsPerCall * 1000).toFixed(1)} µs CPU/call, bad ${result.bad}`,
    )
  }
}
for (const target of [upstream, targets.forwarder, targets.proxy]) target.child.kill()
const summary = Object.fromEntries(
  Object.entries(results).map(([name, runs]) => [
    name,
    {
      rps: Math.round(median(runs.map((r) => r.rps))),
      p50: +median(runs.map((r) => r.p50)).toFixed(2),
      p99: +median(runs.map((r) => r.p99)).toFixed(2),
      cpuUsPerCall: +(median(runs.map((r) => r.cpuMsPerCall)) * 1000).toFixed(1),
      bad: runs.reduce((sum, r) => sum + r.bad, 0),
    },
  ]),
)
summary.cpuRatio = +(summary.proxy.cpuUsPerCall / summary.forwarder.cpuUsPerCall).toFixed(3)
summary.addedP50 = {
  forwarder: +(summary.forwarder.p50 - summary.direct.p50).toFixed(2),
  proxy: +(summary.proxy.p50 - summary.direct.p50).toFixed(2),
}
summary.addedP99 = {
  forwarder: +(summary.forwarder.p99 - summary.direct.p99).toFixed(2),
  proxy: +(summary.proxy.p99 - summary.direct.p99).toFixed(2),
}
console.log(
  JSON.stringify({ connections: CONNECTIONS, duration: DURATION, repeat: REPEAT, ...summary }),
)
