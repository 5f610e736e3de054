#!/usr/bin/env bash
# Load benchmark of `marsad serve`: /api/search at 16 concurrent connections with wrk, on loopback.
#   bench/serve/run.sh DATA [DURATION_SECONDS]
# DATA is an archive made with `./marsad ingest` or `./marsad bench ingest` (e.g. the ANT
# corpus): a folder, or a PostgreSQL archive's URL postgres://USER:PASSWORD@HOST:PORT/DB (passed
# to serve as --store; the password is not printed). MARSAD_BENCH_SERVERS=N starts N `serve`
# processes over the same archive on ports PORT, PORT+1, … and splits the load over them (one wrk
# per server in parallel, 16 connections in all): req/s summed, p99 the largest of the servers'. Needs wrk (apt-get install -y wrk). Not part of the tests. Prints req/s, latency
# percentiles, and the CPU seconds the server and wrk used during the measured run (client and
# server share the machine's cores on loopback). MARSAD_BENCH_CLI=path/to/marsad.dll runs that
# build instead of ./marsad (e.g. an older build, for a before/after comparison).
# MARSAD_BENCH_HOSTILE=1 adds the pathological query mix of hostile.lua (regex, fuzzy fans, huge
# pages) on 4 more connections; MARSAD_BENCH_HOSTILE=compare measures the ordinary queries' p99 with
# and without it in one run and prints the ratio.
# Requests ask for compressed answers (Accept-Encoding: br, gzip) as browsers and notebooks do;
# MARSAD_BENCH_ENCODING=identity measures without compression.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:?usage: bench/serve/run.sh DATA [SECONDS]}"
secs="${2:-30}"
port="${MARSAD_BENCH_PORT:-5097}"
url="http://127.0.0.1:$port"
encoding="${MARSAD_BENCH_ENCODING:-br, gzip}"
servers="${MARSAD_BENCH_SERVERS:-1}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
[[ "$servers" =~ ^[1-9][0-9]*$ ]] || { echo "bench: MARSAD_BENCH_SERVERS must be a number of servers (1, 2, …), not '$servers'" >&2; exit 2; }
if (( servers > 1 )) && [[ -n "${MARSAD_BENCH_HOSTILE:-}" ]]; then
  echo "bench: MARSAD_BENCH_HOSTILE measures one server; leave MARSAD_BENCH_SERVERS unset with it" >&2; exit 2
fi
# A store URL is given to serve as --store, a folder as --data; messages show a URL without its password.
if [[ "$data" =~ ^postgres(ql)?:// ]]; then where=(--store "$data"); else where=(--data "$data"); fi
shown=$(printf '%s' "$data" | sed -E 's#^([a-z]+://[^:/@]*):[^@]*@#\1:***@#')

# Server i (0-based) listens on port + i; its log is /tmp/marsad-bench-PORT/serve[.i].log (one folder per
# port, so two benchmarks on other ports do not overwrite each other's logs).
logs=/tmp/marsad-bench-$port; mkdir -p "$logs"
pids=(); urls=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done' EXIT
for i in $(seq 0 $((servers - 1))); do
  u="http://127.0.0.1:$((port + i))"
  log=$logs/serve.log; (( i > 0 )) && log=$logs/serve.$i.log
  if [[ -n "${MARSAD_BENCH_CLI:-}" ]]; then
    dotnet "$MARSAD_BENCH_CLI" serve "${where[@]}" --urls "$u" > "$log" 2>&1 &
  else
    "$root/marsad" serve "${where[@]}" --urls "$u" > "$log" 2>&1 &
  fi
  pids+=($!); urls+=("$u")
done
server=${pids[0]}
for i in "${!pids[@]}"; do
  for _ in $(seq 1 600); do
    curl -fsS "${urls[$i]}/api/search?q=x" >/dev/null 2>&1 && break
    kill -0 "${pids[$i]}" 2>/dev/null || { cat "$( (( i > 0 )) && echo $logs/serve.$i.log || echo $logs/serve.log)" >&2; exit 1; }
    sleep 0.5
  done
done
# ./marsad execs dotnet, so each pid is the server process itself.
docs=$(curl -fsS "$url/api/search" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "bench: serve on ${urls[*]} over $shown ($docs documents); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU seconds (user + system) of a process so far.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
cpus() { local t=0; for p in "${pids[@]}"; do t=$(echo "$t + $(cpu "$p")" | bc); done; echo "$t"; }

if (( servers > 1 )); then
  # Every server answers the same archive: the same total from each.
  for u in "${urls[@]}"; do
    d=$(curl -fsS "$u/api/search" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
    [[ "$d" == "$docs" ]] || { echo "bench: $u answers $d documents, $url $docs" >&2; exit 1; }
  done
  per=$(( (16 + servers - 1) / servers ))
  warm=()
  for u in "${urls[@]}"; do wrk -t1 -c"$per" -d5s -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "$u" >/dev/null & warm+=($!); done
  for w in "${warm[@]}"; do wait "$w"; done
  before=$(cpus)
  start=$(date +%s.%N)
  echo "bench: Accept-Encoding: $encoding; $servers servers, $per connections each"
  wrks=()
  for i in "${!urls[@]}"; do
    wrk -t1 -c"$per" -d"${secs}s" --latency -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "${urls[$i]}" > "$logs/wrk.$i.log" &
    wrks+=($!)
  done
  for w in "${wrks[@]}"; do wait "$w"; done
  after=$(cpus)
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  ms() { awk -v k="$2" '$1 == k { v = $2; if (v ~ /us$/) x = v / 1000; else if (v ~ /ms$/) x = v + 0; else if (v ~ /s$/) x = v * 1000; printf "%.2f", x }' "$1"; }
  total=0; worst=0; non2xx=0
  for i in "${!urls[@]}"; do
    f="$logs/wrk.$i.log"
    r=$(awk '/^Requests\/sec/ { print $2 }' "$f"); p50=$(ms "$f" 50%); p99=$(ms "$f" 99%)
    bad=$(awk '/Non-2xx/ { print $NF }' "$f"); bad=${bad:-0}
    echo "server ${urls[$i]}: $r req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $bad"
    total=$(echo "$total + $r" | bc); non2xx=$((non2xx + bad))
    (( $(echo "$p99 > $worst" | bc) )) && worst=$p99
  done
  echo "all $servers servers: $total req/s, p99 $worst ms (the largest), non-2xx $non2xx; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: servers $(echo "$after - $before" | bc) s over $(printf '%.1f' "$wall") s wall ($(nproc) cores)"
  exit 0
fi
# Warm-up (JIT, page cache), then the measured run.
wrk -t2 -c16 -d5s -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "$url" >/dev/null
# MARSAD_BENCH_HOSTILE=compare: the ordinary load alone and beside the hostile mix, alternating over
# MARSAD_BENCH_ROUNDS rounds (default 3) in this one run, so both see the same machine; prints the
# ordinary queries' p99 of each and the ratio of the medians.
if [[ "${MARSAD_BENCH_HOSTILE:-}" == compare ]]; then
  p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) x = v / 1000; else if (v ~ /ms$/) x = v + 0; else if (v ~ /s$/) x = v * 1000; printf "%.2f", x }' "$1"; }
  rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
  plain=(); mixed=()
  for r in $(seq 1 "${MARSAD_BENCH_ROUNDS:-3}"); do
    wrk -t2 -c16 -d"${secs}s" --latency -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "$url" > /tmp/marsad-bench-plain.log
    wrk -t1 -c4 -d"${secs}s" -H "Accept-Encoding: $encoding" -s "$root/bench/serve/hostile.lua" "$url" > /tmp/marsad-bench-hostile.log 2>&1 &
    h=$!
    wrk -t2 -c16 -d"${secs}s" --latency -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "$url" > /tmp/marsad-bench-mixed.log
    wait "$h" || true
    plain+=("$(p99 /tmp/marsad-bench-plain.log)"); mixed+=("$(p99 /tmp/marsad-bench-mixed.log)")
    echo "round $r: ordinary alone p99 ${plain[-1]} ms ($(rps /tmp/marsad-bench-plain.log) req/s); beside the hostile mix p99 ${mixed[-1]} ms ($(rps /tmp/marsad-bench-mixed.log) req/s); $(grep -h 'hostile:' /tmp/marsad-bench-hostile.log)"
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  mp=$(median "${plain[@]}"); mm=$(median "${mixed[@]}")
  echo "hostile compare: median p99 alone $mp ms, beside the hostile mix $mm ms: ratio $(echo "scale=2; $mm / $mp" | bc) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi
before=$(cpu "$server")
start=$(date +%s.%N)
# MARSAD_BENCH_HOSTILE=1: 4 more connections send the pathological queries of hostile.lua during the run.
hostile=""
if [[ -n "${MARSAD_BENCH_HOSTILE:-}" ]]; then
  wrk -t1 -c4 -d"${secs}s" -H "Accept-Encoding: $encoding" -s "$root/bench/serve/hostile.lua" "$url" > /tmp/marsad-bench-hostile.log 2>&1 &
  hostile=$!
fi
echo "bench: Accept-Encoding: $encoding"
/usr/bin/time -f "%U %S" -o $logs/wrk.time wrk -t2 -c16 -d"${secs}s" --latency -H "Accept-Encoding: $encoding" -s "$root/bench/serve/search.lua" "$url"
if [[ -n "$hostile" ]]; then wait "$hostile" || true; grep -h "hostile:" /tmp/marsad-bench-hostile.log || true; fi
after=$(cpu "$server")
wall=$(echo "$(date +%s.%N) - $start" | bc)
read -r wu ws < $logs/wrk.time
echo "cpu: server $(echo "$after - $before" | bc) s, wrk $(echo "$wu + $ws" | bc) s, over $(printf '%.1f' "$wall") s wall ($(nproc) cores = $(echo "$(nproc) * $wall" | bc | cut -d. -f1) cpu-s available)"
