#!/usr/bin/env python3
"""Generate src/Marsad.Text/Lexicon/ar-stems.txt from Debian's hunspell-ar (Ayaspell) dictionary.

Usage:
    apt-get install hunspell-ar          # or: apt-get download hunspell-ar && dpkg-deb -x hunspell-ar_*.deb x
    python3 tools/lexicon/generate_stems.py [/usr/share/hunspell/ar.dic] [out.txt]

ar.dic holds four sections (stopwords, tools, names = nouns and proper nouns, verbs = conjugated
forms) of base forms; affixes (article, clitics, pronouns, plural endings) live in ar.aff and are
NOT expanded: the segmenter wants stems. Function words that are only a conjunction or preposition
glued to another function word (وفي، فإن، بالله) are dropped, so the segmenter can split them.
Each word is folded the way Marsad folds lexicon keys (diacritics and tatweel out, أ إ آ ٱ → ا,
ى → ي, ؤ ئ → ء, ة kept), deduplicated and sorted. The loader folds again, so the fold here only
has to be no stronger than the C# one.
"""
import sys
import re

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/ar.dic"
OUT = sys.argv[2] if len(sys.argv) > 2 else "src/Marsad.Text/Lexicon/ar-stems.txt"

MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "ء", "ئ": "ء"})
ARABIC_WORD = re.compile("^[\u0621-\u063A\u0641-\u064A]+$")


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


def main():
    sections = read_sections(SRC)
    function_words = {fold(w) for name in ("stopwords.dic", "tools.dic") for w in sections.get(name, [])}
    # Proclitic sequences: optional interrogative أ, optional و/ف, optional ب/ك/ل/س.
    prefixes = []
    for q in ("", "ا"):
        for c in ("", "و", "ف"):
            for p in ("", "ب", "ك", "ل", "س"):
                if q + c + p:
                    prefixes.append(q + c + p)

    def glued_function_word(w, content_section):
        for p in prefixes:
            if w.startswith(p):
                rest = w[len(p):]
                # A one-letter preposition before a two-letter word (لكن، بين) is usually a word of its own;
                # in the noun and verb sections only long function words count (بالله, not ول+اية in ولاية).
                min_rest = 4 if content_section else 3 if p[-1] in "بكلس" else 2
                if len(rest) >= min_rest and rest in function_words:
                    return True
        return False

    words = set()
    for name, entries in sections.items():
        for raw in entries:
            w = fold(raw)
            if len(w) < 2 or not ARABIC_WORD.match(w):
                continue
            if glued_function_word(w, name not in ("stopwords.dic", "tools.dic")):
                continue
            words.add(w)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{OUT}: {len(words)} stems from {SRC}", file=sys.stderr)


if __name__ == "__main__":
    main()
