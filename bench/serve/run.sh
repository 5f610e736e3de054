#!/usr/bin/env bash
# Load benchmark of `marsad serve`: /api/search at 16 concurrent connections with wrk, on loopback.
#   bench/serve/run.sh DATA_DIR [DURATION_SECONDS]
# DATA_DIR is an archive made with `./marsad ingest` (e.g. the ANT corpus). Needs wrk
# (apt-get install -y wrk). Not part of the tests. Prints req/s and latency percentiles.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:?usage: bench/serve/run.sh DATA_DIR [SECONDS]}"
secs="${2:-30}"
port="${MARSAD_BENCH_PORT:-5097}"
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }

"$root/marsad" serve --data "$data" --urls "$url" > /tmp/marsad-bench-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fsS "$url/api/search?q=x" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat /tmp/marsad-bench-serve.log >&2; exit 1; }
  sleep 0.5
done
docs=$(curl -fsS "$url/api/search" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "bench: serve on $url over $data ($docs documents); $(nproc) cores"
# Warm-up (JIT, page cache), then the measured run.
wrk -t2 -c16 -d5s -s "$root/bench/serve/search.lua" "$url" >/dev/null
wrk -t2 -c16 -d"${secs}s" --latency -s "$root/bench/serve/search.lua" "$url"
