#!/usr/bin/env node
// Adapter that lets ../shared/bench/run-peers.sh start the wxmp echo webhook as one of its servers:
//   bash ../shared/bench/run-peers.sh --server "wxmp|node $PWD/bench/harness-server.mjs"
// The harness passes PORT, HOST, WECHAT_PATH, WECHAT_TOKEN, WECHAT_APPID, WECHAT_AESKEY (empty in
// plain runs). The webhook runs in this very process (the harness measures the PID it started),
// exactly as `wxmp webhook --example echo` would, with the message log (SQLite, in a fresh temp
// dir), request logging and retry/replay de-duplication all on.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../packages/cli/dist/main.js'

const env = process.env
for (const name of ['PORT', 'WECHAT_TOKEN', 'WECHAT_APPID']) {
  if (!env[name]) {
    console.error(`harness-server: ${name} is not set (run me from run-peers.sh)`)
    process.exit(2)
  }
}
env.WXMP_TOKEN = env.WECHAT_TOKEN
env.WXMP_APPID = env.WECHAT_APPID
env.WXMP_AES_KEY = env.WECHAT_AESKEY ?? ''
const dataDir = mkdtempSync(join(tmpdir(), 'wxmp-bench-'))
const code = await main([
  process.argv[0],
  'wxmp',
  'webhook',
  '--example',
  'echo',
  '--host',
  env.HOST || '127.0.0.1',
  '--port',
  env.PORT,
  '--path',
  env.WECHAT_PATH || '/wechat',
  '--data-dir',
  dataDir,
  '--message-log',
  'sqlite',
  '--log-level',
  env.WXMP_LOG_LEVEL || 'info',
  '--transport',
  env.WXMP_TRANSPORT || 'fast',
])
if (code !== 0) process.exit(code)
