#!/usr/bin/env python3
"""Generate src/Marsad.Text/Lexicon/ar-stems.txt: stems with their kinds and corpus frequency.

Usage (from the repository root):
    apt-get download hunspell-ar && dpkg-deb -x hunspell-ar_*.deb /tmp/hunspell-ar
    python3 tools/lexicon/generate_stems.py --dic /tmp/hunspell-ar/usr/share/hunspell/ar.dic \
        --corpus ../shared/corpus/ant-multisource-v2.1.jsonl.gz [--out src/Marsad.Text/Lexicon/ar-stems.txt]

Sources:
- Debian's hunspell-ar (Ayaspell) ar.dic: four sections of base forms (stopwords.dic and tools.dic =
  function words, names.dic = nouns and proper nouns, verb.huns.dic = verb forms); affixes are NOT
  expanded: the segmenter wants stems.
- src/Marsad.Extraction/Data/gazetteer.tsv (one-word Arabic place names, not the ~ambiguous ones) and
  givennames.tsv: names join the lexicon so that فنزويلا، واشنطن are never split and ببنغازي is.
- tools/lexicon/whole-words.txt: function words that look like clitic + word but are one (الذي، كما، هناك).
- the ANT corpus (Apache-2.0), only to count how often each stem stands free in news text.

Output: one line per stem, `stem TAB kinds TAB count`, folded the way Marsad folds lexicon keys
(diacritics and tatweel out, أ إ آ ٱ → ا, ى → ي, ؤ ئ → ء, ة kept), sorted. Kinds: N noun or name, V verb
form, F function word, P function word that takes a pronoun (في → فيها), W whole word (never split),
G name from the gazetteer or the given names. count = corpus tokens equal to the stem, with or without
the article and an ending of its kind (nouns ات ون ين ان ة ي ا, verbs ت وا تا تم تن ن ون ين ا), no other clitic: the evidence by which the
segmenter chooses between readings.

Function words that are only clitics glued to another function word are dropped, so the segmenter can
split them: و/ف + word (وقد، وفي، فإن), ب/ل/ك + word (بأن، لأن، بما، بلا، كذلك), word + pronoun (أنه، فيها،
منها), ل/ب/ك + pronoun (لها، به), and the question أ + word (أفلا) — the question hamza is recognised on
the word as written, never on the folded form, where it would look like the alef of الذي or التي.
"""
import argparse
import collections
import gzip
import json
import re

MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "ء", "ئ": "ء"})
ARABIC_WORD = re.compile("^[\u0621-\u063A\u0641-\u064A]+$")
ARABIC_RUN = re.compile("[\u0621-\u063A\u0641-\u064A\u064B-\u065F\u0670\u0640]+")
PRONOUNS = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي"]
NOUN_ENDINGS = ["ات", "ون", "ين", "ان", "ة", "ي", "ا"]
VERB_ENDINGS = ["ت", "وا", "تا", "تم", "تن", "ن", "ون", "ين", "ا"]
NOUNS = set()  # filled from names.dic before the function words are read
PROCLITICS = [c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل", "س") if c + p]


def fold(w):
    return MARKS.sub("", w).translate(FOLD)


def read_sections(path):
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("::::"):
                continue
            if line.endswith(".dic") and "/" not in line and "\t" not in line and " " not in line:
                current = line
                sections[current] = []
                continue
            if current is None:
                continue
            word = line.split("/")[0].split("\t")[0].strip()
            if word and not word.startswith("#"):
                sections[current].append(word)
    return sections


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def read_names(gazetteer, givennames):
    names = set()
    for line in open(gazetteer, encoding="utf-8"):
        if line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 8:
            raise SystemExit(f"{gazetteer}: expected at least 8 tab-separated cells in '{line.strip()}'")
        for name in [cells[6]] + cells[7].split("|"):
            if name and " " not in name and not name.startswith("~"):
                names.add(name)
    for line in open(givennames, encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            names.add(line.split("\t")[0].strip())
    out = set()
    for n in names:
        w = fold(n)
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]  # the article comes off names too (ال|قاهرة|): the rest is the stem
        if len(w) >= 3 and ARABIC_WORD.match(w):
            out.add(w)
    return out


def glued(raw, w, function_words, content):
    """True when w is clitics + another function word (+ pronoun), or ل/ب/ك + pronoun."""
    if not content and w.startswith("ال") and len(w) >= 5 and (w[2:] in function_words or w[2:] in NOUNS):
        return True  # الاثنين: the article on a day name or noun listed among the function words
    if raw.startswith("أ") and len(w) >= 4 and (w[1:] in function_words or glued(raw[1:], w[1:], function_words, content)):
        return True  # question hamza + word (أفلا، ألغير), seen on the word as written
    for p in [""] + PROCLITICS:
        if not w.startswith(p):
            continue
        rest = w[len(p):]
        for e in [""] + PRONOUNS:
            if (p == "" and e == "") or not rest.endswith(e):
                continue
            base = rest[:len(rest) - len(e)]
            if p == "" and e and base in ("ل", "ب", "ك"):
                return True  # لها، به
            # In the noun and verb sections only long function words count (بالله, not ول+اية in ولاية);
            # a one-letter preposition before a two-letter word (بين، لكن) is usually a word of its own.
            min_base = 4 if content else 3 if p and p[-1] in "بكلس" and not e else 2
            if len(base) >= min_base and base in function_words:
                return True
    return False


def corpus_counts(path):
    counts = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for field in ("title", "text"):
                for run in ARABIC_RUN.findall(d.get(field) or ""):
                    counts[fold(run)] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dic", default="/usr/share/hunspell/ar.dic")
    ap.add_argument("--corpus", required=True, help="ANT corpus .jsonl.gz (title and text of each line are counted)")
    ap.add_argument("--whole", default="tools/lexicon/whole-words.txt")
    ap.add_argument("--gazetteer", default="src/Marsad.Extraction/Data/gazetteer.tsv")
    ap.add_argument("--givennames", default="src/Marsad.Extraction/Data/givennames.tsv")
    ap.add_argument("--out", default="src/Marsad.Text/Lexicon/ar-stems.txt")
    args = ap.parse_args()

    sections = read_sections(args.dic)
    for name in ("stopwords.dic", "tools.dic", "names.dic", "verb.huns.dic"):
        if name not in sections:
            raise SystemExit(f"{args.dic}: section {name} not found (not an Ayaspell ar.dic?)")
    whole = {fold(w) for w in read_list(args.whole)}
    NOUNS.update(fold(w) for w in sections["names.dic"])
    function_raw = [w for name in ("stopwords.dic", "tools.dic") for w in sections[name]]
    function_words = {fold(w) for w in function_raw} | whole
    kinds = collections.defaultdict(set)

    glued_function = set()
    for raw in function_raw:
        w = fold(raw)
        if len(w) >= 2 and ARABIC_WORD.match(w) and w not in whole and glued(raw, w, function_words - {w}, content=False):
            glued_function.add(w)
    # أيضاً: a function word written with the accusative tanween whose base is no word of its own: the alif
    # is an ending and the base the stem (أيض), and the bare spelling is not a whole word.
    accusative = {fold(raw)[:-1] for raw in function_raw if "اً" in raw or "ًا" in raw}
    accusative = {b for b in accusative if b not in function_words}
    for raw in function_raw:
        w = fold(raw)
        if len(w) < 2 or not ARABIC_WORD.match(w):
            continue
        if w in whole:
            kinds[w].update("FW")
        elif w in glued_function:
            for e in PRONOUNS:  # the base of a word + pronoun form takes pronouns
                base = w[:-len(e)]
                if w.endswith(e) and base in function_words and base not in glued_function:
                    kinds[base].add("P")
        elif w[:-1] in accusative and w.endswith("ا"):
            kinds[w[:-1]].add("N")
        else:
            kinds[w].add("F")
    for w in whole:
        kinds[w].update("FW")
    for section, kind in (("names.dic", "N"), ("verb.huns.dic", "V")):
        for raw in sections[section]:
            w = fold(raw)
            if len(w) < 2 or not ARABIC_WORD.match(w) or glued(raw, w, function_words, content=True):
                continue
            # الشيخ، السن: the article on a noun is a clitic, not part of a stem (ألسن, written with hamza, stays).
            if w.startswith("ال") and len(w) >= 4 and w[2:] in NOUNS and not raw.startswith(("أ", "إ", "آ")):
                continue
            kinds[w].add(kind)
    for w in read_names(args.gazetteer, args.givennames):
        kinds[w].update("GN")
    # A P without its own F entry (the plain form is listed only glued) is still a function word.
    for w, k in kinds.items():
        if "P" in k and "W" not in k:
            k.add("F")

    counts = corpus_counts(args.corpus)
    order = "NVFPWG"
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for w in sorted(kinds):
            k = kinds[w]
            # Endings count only on a base of 3 letters or more, as the segmenter reads them (وقت is no وق + ت).
            endings = [] if len(w) < 3 else (NOUN_ENDINGS if "N" in k else []) + (VERB_ENDINGS if "V" in k else [])
            family = sum(counts[a + w + e] for a in ("", "ال") for e in [""] + sorted(set(endings)))
            f.write(f"{w}\t{''.join(k for k in order if k in kinds[w])}\t{family}\n")
    print(f"{args.out}: {len(kinds)} stems from {args.dic}, names, {sum(counts.values())} corpus tokens", flush=True)


if __name__ == "__main__":
    main()
