# Event figures of an archive: merged events (across documents) by type, the share with an actor, and
# where places came from; then the same shares over the per-document events.
# usage: python3 tools/events/figures.py DATA/marsad.db
import sqlite3, json, sys
from collections import Counter
if len(sys.argv) != 2:
    sys.exit("usage: figures.py DATA/marsad.db")
c = sqlite3.connect(sys.argv[1])

def report(label, rows):
    if not rows:
        sys.exit(f"{sys.argv[1]}: no {label}")
    n = len(rows)
    print(f"{label}: {n}")
    print("  by type: " + ", ".join(f"{t} {k}" for t, k in Counter(r[0] for r in rows).most_common()))
    print(f"  with an actor: {sum(1 for r in rows if json.loads(r[1] or '[]')) / n:.1%}")
    placed = [r[3] for r in rows if r[2]]
    geo = Counter(placed)
    print(f"  with a place: {len(placed) / n:.1%}; places from clause / sentence / document: "
          + " / ".join(f"{geo[g] / len(placed):.1%}" for g in ("clause", "sentence", "document")))

report("merged events", c.execute("select type, actor_keys, location_key, geo_precision from merged_events").fetchall())
report("document events", c.execute("select type, actor_keys, location_key, geo_precision from doc_events").fetchall())
print("document events by modality: " + ", ".join(
    f"{m} {k}" for m, k in c.execute("select modality, count(*) from doc_events group by modality order by 2 desc")))
