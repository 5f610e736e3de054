#!/usr/bin/env bash
# #16's scale checks of the PostgreSQL archive against the embedded one, on one corpus:
#   bench/pg/run.sh CORPUS ADMIN_URL [WORKDIR]
# CORPUS is any ingest input (e.g. ../shared/corpus/ant-multisource-v2.1.jsonl.gz); ADMIN_URL a
# postgres:// URL of a role that may create databases (e.g. from tools/pg-cluster.sh). Makes the
# databases marsad_b1, marsad_b2 and marsad_b3 (dropped first) and WORKDIR/emb (default
# /tmp/marsad-bench-pg). Steps, each printed with its figures:
#   1. throughput: the embedded ingest, then 1 and 2 `marsad worker` processes on PostgreSQL, as articles/s;
#   2. three workers at once, one of them killed with SIGKILL mid-run (lease 15 s): the others finish
#      its batch; `marsad check --store` must be clean;
#   3. `marsad bench archive-parity`: documents, story clusters (>= 99 %), merged events (<= 1 %);
#   4. `marsad bench search-parity`: 300 boolean queries, titles R@1, p50/p99 of both.
# MARSAD_BENCH_STEPS (default "1 2 3 4") runs some of the steps only (3 and 4 need the archives of 1 and 2;
# MARSAD_BENCH_PARITY_DB=marsad_b2 compares the two-worker database of step 1 instead).
# Not part of the tests (takes minutes). Exit non-zero when a check fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus="${1:?usage: bench/pg/run.sh CORPUS ADMIN_URL [WORKDIR]}"
admin="${2:?usage: bench/pg/run.sh CORPUS ADMIN_URL [WORKDIR]}"
work="${3:-/tmp/marsad-bench-pg}"
marsad="${MARSAD_BIN:-$root/marsad}"   # MARSAD_BIN: another launcher (e.g. a frozen build while the sources change)
"$marsad" --version >/dev/null   # build once before anything is timed
base="${admin%/*}"
db() { echo "$base/$1"; }
fresh() { PGOPTIONS="-c client_min_messages=warning" psql "$admin" -qAt -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1])/(float(sys.argv[3])-float(sys.argv[2])):.1f}')" "$@"; }
count() { psql "$1" -qAt -c "SELECT count(*) FROM documents"; }
steps=" ${MARSAD_BENCH_STEPS:-1 2 3 4} "
step() { [[ "$steps" == *" $1 "* ]]; }
if step 1; then rm -rf "$work"; fi
mkdir -p "$work"

if step 1; then
echo "== 1. throughput on $(basename "$corpus") (load $(cut -d' ' -f1-3 /proc/loadavg))"
t0=$(now); "$marsad" ingest "$corpus" --data "$work/emb" > "$work/emb.log" 2>&1; t1=$(now)
read_n=$(grep -oP 'read \K[0-9,]+' "$work/emb.log" | tail -n 1 | tr -d ,)
echo "embedded: $read_n articles read in $(python3 -c "print(f'{$t1-$t0:.1f}')") s = $(rate "$read_n" "$t0" "$t1") articles/s"
for n in 1 2; do
  fresh "marsad_b$n"; url=$(db "marsad_b$n")
  "$marsad" enqueue "$corpus" --store "$url" > "$work/enq$n.log" 2>&1
  t0=$(now)
  for w in $(seq 1 "$n"); do "$marsad" worker --store "$url" --name "w$w" > "$work/w$n-$w.log" 2>&1 & done
  wait; t1=$(now)
  echo "postgresql, $n worker(s): $(count "$url") documents in $(python3 -c "print(f'{$t1-$t0:.1f}')") s = $(rate "$read_n" "$t0" "$t1") articles/s"
done
fi

if step 2; then
echo "== 2. three workers, one killed mid-run"
fresh marsad_b3; url=$(db marsad_b3)
"$marsad" enqueue "$corpus" --store "$url" --batch 100 > "$work/enq3.log" 2>&1
pids=()
for w in 1 2 3; do "$marsad" worker --store "$url" --name "k$w" --lease 15 --batch 50 > "$work/k$w.log" 2>&1 & pids+=($!); done
sleep "${MARSAD_BENCH_KILL_AFTER:-30}"
before=$(count "$url"); kill -9 "${pids[1]}"   # ./marsad execs dotnet: this is the worker itself
echo "killed worker k2 with $before documents committed"
wait "${pids[0]}" "${pids[2]}"; wait "${pids[1]}" 2>/dev/null || true
grep -h "taken over" "$work"/k*.log | head -n 3 || true
emb_docs=$("$marsad" check --data "$work/emb" | grep -oP '([0-9,]+)(?= documents)' | head -n 1 | tr -d ,)
echo "after: $(count "$url") documents (embedded: $emb_docs)"
( time "$marsad" check --store "$url" ) 2>&1
fi
url=$(db "${MARSAD_BENCH_PARITY_DB:-marsad_b3}")   # steps 3 and 4 compare this database with the embedded run

if step 3; then
echo "== 3. archive parity (embedded vs three workers)"
"$marsad" bench archive-parity --data "$work/emb" --other "$url" --max-event-diff 0.01
fi

if step 4; then
echo "== 4. search parity"
"$marsad" bench search-parity --data "$work/emb" --store "$url" --queries 300 --titles 300
fi
