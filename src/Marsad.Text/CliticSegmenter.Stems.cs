namespace Marsad.Text;

/// <summary>How the segmenter knows a stem: the lexicon entry itself, or its base through an inflectional ending.</summary>
public sealed partial class CliticSegmenter
{
    /// <summary>
    /// The lexicon entry behind <paramref name="stem"/>: the stem itself, or its base when it carries an
    /// ending its kind takes (nouns: ات ون ين ان, feminine dual تان تين, ة ي; verbs: ت وا تا تم تن ن ون ين ا);
    /// before a pronoun ت may stand for ة (<paramref name="tehMarbuta"/>). Not found: no such stem.
    /// </summary>
    private StemEntry Known(ref SliceHashes keys, int start, int end, bool afterPronoun, out bool tehMarbuta) =>
        Known(ref keys, start, end, afterPronoun, out tehMarbuta, out _, out _);

    /// <param name="keys">The word's letters and their hashes; the stem is <c>keys.Letters[start..end]</c>.</param>
    /// <param name="start">Where the stem starts in the letters.</param>
    /// <param name="end">Where it ends.</param>
    /// <param name="afterPronoun">An enclitic pronoun follows the stem.</param>
    /// <param name="tehMarbuta">The stem's final ت stands for ة.</param>
    /// <param name="inflection">Letters of the ending found (0: the stem itself, or ت for ة).</param>
    /// <param name="baseTeh">The base without the ending ends in an unwritten ة (آيات → آية).</param>
    /// <param name="skipDirect">Look for an ending even when the stem is an entry itself.</param>
    private StemEntry Known(ref SliceHashes keys, int start, int end, bool afterPronoun, out bool tehMarbuta, out int inflection, out bool baseTeh,
        bool skipDirect = false)
    {
        tehMarbuta = baseTeh = false;
        inflection = 0;
        var stem = keys.Letters[start..end];
        var entry = skipDirect ? default : keys.Lookup(start, end);
        int n = stem.Length;
        char last = stem[n - 1];
        // ة written as ت before a pronoun (حكومته), unless the stem with ت is the likelier word (هويته: هوية, not هويت).
        if (afterPronoun && last == ArabicLetters.Teh && keys.WithLast(start, end - 1, ArabicLetters.TehMarbuta) is { Found: true } t
            && t.Weight >= entry.Weight)
        {
            tehMarbuta = true;
            return t;
        }
        if (entry.Found) return entry;
        // آيات → آية: a plural of three letters and ة.
        if (n == 4 && stem[2] == ArabicLetters.Alef && last == ArabicLetters.Teh && Nominal(keys.WithLast(start, start + 2, ArabicLetters.TehMarbuta)) is { Found: true } p)
        {
            (inflection, baseTeh) = (2, true);
            return p;
        }
        // ى written ا before a pronoun (مداها → مدى).
        if (afterPronoun && last == ArabicLetters.Alef && n >= 3 && keys.WithLast(start, end - 1, ArabicLetters.Yeh) is { Found: true } m)
            return m;
        // Endings come off only a base of 3 letters or more: لا + يات is not a plural.
        if (n >= 5)
        {
            char e1 = stem[^2];
            if (e1 == ArabicLetters.Alef && last == ArabicLetters.Teh) // ات
            {
                inflection = 2;
                var b = Nominal(keys.Lookup(start, end - 2));
                if (b.Found) return b;
                baseTeh = true;
                return Nominal(keys.WithLast(start, end - 2, ArabicLetters.TehMarbuta));
            }
            if (last == ArabicLetters.Noon && e1 is ArabicLetters.Waw or ArabicLetters.Yeh or ArabicLetters.Alef) // ون ين ان
            {
                inflection = 2;
                var b = keys.Lookup(start, end - 2);
                if (b.Is(StemKinds.Noun) || (b.Is(StemKinds.Verb) && e1 != ArabicLetters.Alef)) return b;
                // Feminine dual: مدينتان / مدينتين → مدينة.
                (inflection, baseTeh) = (3, true);
                if (n >= 6 && stem[^3] == ArabicLetters.Teh && Nominal(keys.WithLast(start, end - 3, ArabicLetters.TehMarbuta)) is { Found: true } d) return d;
                (inflection, baseTeh) = (0, false);
            }
            if ((e1 == ArabicLetters.Waw && last == ArabicLetters.Alef) // وا
                || (e1 == ArabicLetters.Teh && last is ArabicLetters.Alef or ArabicLetters.Meem or ArabicLetters.Noon)) // تا تم تن
            {
                inflection = 2;
                if (Verbal(keys.Lookup(start, end - 2)) is { Found: true } v) return v;
                inflection = 0;
            }
        }
        if (n >= 4)
        {
            inflection = 1;
            var b = keys.Lookup(start, end - 1);
            // سعودية → سعودي، لبناني → لبنان; not as an inflection of a word of its own (لجنة is no form of لجن).
            if (last is ArabicLetters.TehMarbuta or ArabicLetters.Yeh && !skipDirect)
                return Nominal(b);
            if (last is ArabicLetters.Teh or ArabicLetters.Noon) // قالت، كانت، يكتبن
                return Verbal(b);
            // The dual's alif (قالا، التقيا) only on a verb that is no noun: after a noun it is the accusative.
            if (last == ArabicLetters.Alef && !b.Is(StemKinds.Noun))
                return Verbal(b);
        }
        inflection = 0;
        return default;
    }

    private static StemEntry Nominal(StemEntry e) => e.Is(StemKinds.Noun) ? e : default;

    private static StemEntry Verbal(StemEntry e) => e.Is(StemKinds.Verb) ? e : default;

    /// <summary>
    /// The word's folded letters and the FNV-1a states of their slices from each start a reading can have (after
    /// no clitic, و/ف, a preposition, the article: at most <see cref="Rows"/> − 1 letters in), filled one start at a
    /// time when first asked: scoring every reading looks up dozens of slices of one word, and each letter is then
    /// hashed once per start instead of once per slice. A look-up returns what
    /// <see cref="StemLexicon.Lookup"/> of the slice would.
    /// </summary>
    private ref struct SliceHashes
    {
        public const int Rows = 5;
        private const int Stride = MaxLetters + 1;

        private readonly StemLexicon _lexicon;
        private readonly Span<ulong> _states; // Rows × Stride: the state of Letters[start..end] at start * Stride + end
        private int _filled; // a bit per start whose row is filled

        public SliceHashes(StemLexicon lexicon, ReadOnlySpan<char> letters, Span<ulong> states)
        {
            _lexicon = lexicon;
            Letters = letters;
            _states = states;
            _filled = 0;
        }

        public ReadOnlySpan<char> Letters { get; }

        /// <summary>The lexicon entry of <c>Letters[start..end]</c>.</summary>
        public StemEntry Lookup(int start, int end) => _lexicon.LookupHash(SpanHash.Finish(State(start, end)));

        /// <summary>The entry of <c>Letters[start..end]</c> with <paramref name="last"/> put after it; none for a stem shorter than <see cref="MinStem"/>.</summary>
        public StemEntry WithLast(int start, int end, char last) =>
            end - start < MinStem ? default : _lexicon.LookupHash(SpanHash.Finish(SpanHash.Step(State(start, end), last)));

        private ulong State(int start, int end)
        {
            if (start >= Rows) return Direct(start, end);
            if ((_filled & (1 << start)) == 0)
            {
                var row = _states.Slice(start * Stride, Stride);
                ulong h = SpanHash.Seed;
                row[start] = h;
                for (int i = start; i < Letters.Length; i++) row[i + 1] = h = SpanHash.Step(h, Letters[i]);
                _filled |= 1 << start;
            }
            return _states[start * Stride + end];
        }

        private readonly ulong Direct(int start, int end)
        {
            ulong h = SpanHash.Seed;
            foreach (char c in Letters[start..end]) h = SpanHash.Step(h, c);
            return h;
        }
    }
}
