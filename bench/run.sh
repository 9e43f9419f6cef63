#!/usr/bin/env bash
# Load benchmark of the echo webhook, side by side with co-wechat, node-webot/wechat and a bare
# node:http ceiling, in one run of the shared harness (../shared/bench). Not a test: figures go to
# bench/RESULTS.md by hand after a run.
#   bash bench/run.sh                 # REPEAT=2, plain + AES, ~4 min on a quiet machine
#   REPEAT=3 bash bench/run.sh
# The peers are installed into PEERS_DIR (default: a folder under /tmp, never inside this repo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench}
export PEERS_DIR=${PEERS_DIR:-${TMPDIR:-/tmp}/wxmp-peers}
if [ ! -d "$PEERS_DIR/node_modules/co-wechat" ]; then
  mkdir -p "$PEERS_DIR"
  (cd "$PEERS_DIR" && [ -f package.json ] || npm init -y >/dev/null)
  (cd "$PEERS_DIR" && npm install --no-audit --no-fund wechat@2.1.0 express@5 co-wechat@2.4.0 koa@3 autocannon@9)
fi
[ -f "$ROOT/packages/cli/dist/main.js" ] || (cd "$ROOT" && npm run build)
# A pool larger than a fast server answers in warm-up + measurement, so no request repeats
# (a repeat would be de-duplicated and could not be compared with the peers; the table notes
# "N reused reqs" if one does). No larger than that: the load generator keeps every request and
# reply in memory, and its own GC pauses count in every server's latency (measured: 700k
# requests, 1.4 GB client, p99 6.4-8.4 ms and max 120-190 ms; 300k, 0.7 GB, 5.6-6.1 and ~40 ms,
# same server). 500k covers 41k verified req/s.
export POOL=${POOL:-500000}
exec bash "$HARNESS/run-peers.sh" --server "wxmp (echo, log+dedupe on)|node $ROOT/bench/harness-server.mjs" "$@"
