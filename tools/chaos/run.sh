#!/usr/bin/env bash
# Chaos test of one archive (issue 14): kill -9 at random points of `marsad ingest` and of
# `marsad serve` under a stream of POSTs, then `marsad check` must be clean once an ingest has
# settled the archive, and a re-run must complete to the same document set as a clean run.
#   tools/chaos/run.sh INPUT.jsonl [KILLS]      (KILLS default 20: half during ingest, half during serve)
# INPUT is a JSON Lines archive (e.g. the first 1,500 lines of the ANT corpus). Not part of the tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
input="$(realpath "${1:?usage: tools/chaos/run.sh INPUT.jsonl [KILLS]}")"
kills="${2:-20}"
work="$(mktemp -d /tmp/marsad-chaos.XXXXXX)"
port="${MARSAD_CHAOS_PORT:-5098}"
"$root/marsad" --help >/dev/null   # build once, then run the dll directly (so $! is the process itself)
cli=(dotnet "$root/.build/cli/marsad.dll")
ids() { python3 - "$1/marsad.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
ids = [r[0] for r in c.execute("SELECT id FROM documents")]
assert len(ids) == len(set(ids)), "an id stored twice"
print("\n".join(sorted(ids)))
PY
}
echo "chaos: input $(wc -l < "$input") lines, $kills kills, work $work, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Reference: one clean run.
"${cli[@]}" ingest "$input" --data "$work/ref" --quiet >/dev/null
ids "$work/ref" > "$work/ref.ids"
echo "chaos: reference run stored $(wc -l < "$work/ref.ids") documents"

# POST bodies: the same articles as JSON, so POSTs and ingests store the same ids.
python3 - "$input" "$work/posts" <<'PY'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    o = json.loads(line)
    body = (o.get("text") or "").strip()
    if not body: continue
    json.dump({"title": (o.get("title") or "").strip(), "body": body}, open(f"{sys.argv[2]}/{i:06d}.json", "w", encoding="utf-8"), ensure_ascii=False)
PY

data="$work/chaos"
half=$((kills / 2))
for i in $(seq 1 "$half"); do
  "${cli[@]}" ingest "$input" --data "$data" --batch 100 --quiet >/dev/null 2>&1 &
  pid=$!
  delay=$(python3 -c "import random; print(round(random.uniform(0.5, 8), 2))")
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then echo "chaos: ingest kill $i after ${delay}s"; else echo "chaos: ingest $i finished before ${delay}s"; fi
  wait "$pid" 2>/dev/null || true
done
# The server phase: 4 posters; every POST the server acknowledged (200/201) must survive the kill.
ls "$work/posts" > "$work/posts.list"
acked="$work/acked.ids"; : > "$acked"
mkdir -p "$work/acked" "$work/bodies"
post() { # post FILE NAME: the id of an acknowledged POST, one per line in acked/NAME
  local code body="$work/bodies/$2"
  code=$(curl -sS -o "$body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary "@$work/posts/$1" "http://127.0.0.1:$port/api/documents" 2>/dev/null) || return 0
  if [[ "$code" == 200 || "$code" == 201 ]]; then grep -o '"id":"[^"]*"' "$body" | head -n 1 | cut -d'"' -f4 >> "$work/acked/$2"; fi
}
for i in $(seq 1 $((kills - half))); do
  "${cli[@]}" serve --data "$data" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/api/search?q=x" >/dev/null 2>&1 && break; sleep 0.2; done
  # One POST first: it loads the analysis pipeline, so the kill falls among stores, not the start-up.
  post "$(shuf -n 1 "$work/posts.list")" "$i.w"
  posters=()
  for k in 1 2 3 4; do
    ( for f in $(shuf -n 100 "$work/posts.list"); do post "$f" "$i.$k"; done ) &
    posters+=($!)
  done
  delay=$(python3 -c "import random; print(round(random.uniform(1, 6), 2))")
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${posters[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  n=$(cat "$work"/acked/"$i".* 2>/dev/null | sort -u | tee -a "$acked" | wc -l)
  echo "chaos: serve kill $i after ${delay}s of POSTs: $n acknowledged, $(ids "$data" | wc -l) documents stored"
done
sort -u -o "$acked" "$acked"
lost=$(comm -23 "$acked" <(ids "$data") | wc -l)
echo "chaos: $(wc -l < "$acked") POSTs acknowledged in all, $lost of them lost by a kill"
[[ "$lost" == 0 ]] || { echo "chaos: FAIL: an acknowledged POST was lost"; exit 1; }

echo "chaos: after the kills: $("${cli[@]}" check --data "$data" 2>&1 | tr '\n' ' ')"
"${cli[@]}" ingest "$input" --data "$data" --quiet > "$work/rerun.out" 2>&1
tail -n 2 "$work/rerun.out" | sed 's/^/chaos: re-run: /'
"${cli[@]}" check --data "$data" | sed 's/^/chaos: /'
ids "$data" > "$work/chaos.ids"
if cmp -s "$work/ref.ids" "$work/chaos.ids"; then
  echo "chaos: PASS: the same $(wc -l < "$work/chaos.ids") documents as the clean run"
else
  echo "chaos: FAIL: $(comm -23 "$work/ref.ids" "$work/chaos.ids" | wc -l) missing, $(comm -13 "$work/ref.ids" "$work/chaos.ids" | wc -l) extra"; exit 1
fi
rm -rf "$work"
