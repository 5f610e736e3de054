# Prints N random asserted event reports of one category's documents from an archive, for reading by hand.
# usage: python3 tools/events/pick_events.py DATA/marsad.db SEED N [CATEGORY]   (CATEGORY default middleEast)
import sqlite3, json, random, sys
if len(sys.argv) not in (4, 5):
    sys.exit("usage: pick_events.py DATA/marsad.db SEED N [CATEGORY]")
db, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
category = sys.argv[4] if len(sys.argv) == 5 else "middleEast"
c = sqlite3.connect(db)
names = {k: (nm, cc, st) for k, nm, cc, st in c.execute("select key, name, country, subtype from entities")}
rows = c.execute("""select ev.doc_seq, ev.local_id, ev.type, ev.mode, ev.trigger_text, ev.actor_keys, ev.target_keys, ev.location_key,
  ev.geo_precision, ev.time, ev.fatalities, d.published, d.title, substr(d.text, ev.sentence_start+1, ev.sentence_end-ev.sentence_start)
  from doc_events ev join documents d on d.seq = ev.doc_seq
  where d.category = ? and ev.modality = 'asserted' order by ev.doc_seq, ev.trigger_start""", (category,)).fetchall()
if len(rows) < n:
    sys.exit(f"{db}: only {len(rows)} asserted events in category {category!r}, asked for {n}")
random.seed(seed)
for i, r in enumerate(random.sample(rows, n), 1):
    nm = lambda ks: [names.get(k, (k,))[0] for k in json.loads(ks)]
    loc = names.get(r[7]) if r[7] else None
    print(f"#{i} doc {r[0]} {r[1]} | {r[2]}/{r[3]} «{r[4]}» | A={nm(r[5])} T={nm(r[6])} | L={loc[0] if loc else '-'} ({loc[1] if loc else ''}) {r[8]} | time={r[9]} pub={r[11]} | F={r[10]}")
    print(f"   title: {r[12][:120]}")
    print(f"   sent: {r[13][:420]}".replace('\n', ' '))
