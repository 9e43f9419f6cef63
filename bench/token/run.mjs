// Token-service GET throughput against a bare node:http server answering a constant token JSON,
// side by side in one run (issue 5: target ≥ 50 % of the bare server). Each target runs in its
// own process; one keep-alive load generator (this process) drives both, alternating, REPEAT
// times; every answer is checked (status 200 and an access_token).
//   npm run bench:token            # CONNECTIONS=50 DURATION=8 WARMUP=2 REPEAT=3
import { cpuMs, load, median, startTarget } from '../lib/http-load.mjs'

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50)
const DURATION = Number(process.env.DURATION ?? 8)
const WARMUP = Number(process.env.WARMUP ?? 2)
const REPEAT = Number(process.env.REPEAT ?? 3)
const SCRIPT = new URL('./target.mjs', import.meta.url).pathname
const request = {
  path: '/v1/accounts/wx0123456789abcdef/access-token',
  headers: { authorization: 'Bearer bench-client-key-0001' },
  connections: CONNECTIONS,
  accept: (status, body) => status === 200 && body.includes('"access_token"'),
}

const targets = {
  bare: await startTarget(SCRIPT, 'bare'),
  token: await startTarget(SCRIPT, 'token'),
}
const results = { bare: [], token: [] }
for (let round = 0; round < REPEAT; round++) {
  for (const [name, target] of Object.entries(targets)) {
    await load({ ...request, port: target.port, seconds: WARMUP })
    const before = cpuMs(target.child.pid)
    const run = await load({ ...request, port: target.port, seconds: DURATION })
    run.cpuMsPerCall = (cpuMs(target.child.pid) - before) / Math.max(1, run.ok)
    results[name].push(run)
    console.error(
      `${name} round ${round + 1}: ${Math.round(run.rps)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, bad ${run.bad}`,
    )
  }
}
for (const { child } of Object.values(targets)) child.kill()
const summary = Object.fromEntries(
  Object.entries(results).map(([name, runs]) => [
    name,
    {
      rps: Math.round(median(runs.map((r) => r.rps))),
      p50: +median(runs.map((r) => r.p50)).toFixed(2),
      p99: +median(runs.map((r) => r.p99)).toFixed(2),
      cpuMsPerCall: +median(runs.map((r) => r.cpuMsPerCall)).toFixed(4),
      bad: runs.reduce((sum, r) => sum + r.bad, 0),
    },
  ]),
)
summary.ratio = +(summary.token.rps / summary.bare.rps).toFixed(3)
console.log(
  JSON.stringify({ connections: CONNECTIONS, duration: DURATION, repeat: REPEAT, ...summary }),
)
