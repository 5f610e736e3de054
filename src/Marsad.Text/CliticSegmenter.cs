namespace Marsad.Text;

/// <summary>Proclitics found on a word, as flags.</summary>
[Flags]
public enum Proclitics : byte
{
    None = 0,
    Waw = 1,        // و and
    Fa = 2,         // ف so
    Ba = 4,         // ب with, in
    Lam = 8,        // ل for, to
    Kaf = 16,       // ك like
    Seen = 32,      // س future
    Article = 64,   // ال the (also inside لل)
}

/// <summary>Where the stem of a word lies, as offsets into the word passed in.</summary>
public readonly record struct CliticSplit(int StemStart, int StemEnd, Proclitics Proclitics, int EncliticLength)
{
    /// <summary>
    /// The stem ends in ت that stands for ة before the pronoun (حكومته → حكومة): its dictionary form ends in ة.
    /// </summary>
    public bool TehMarbutaBeforePronoun { get; init; }

    public int StemLength => StemEnd - StemStart;

    public bool HasArticle => (Proclitics & Proclitics.Article) != 0;
}

/// <summary>
/// Separates proclitics (و ف ب ل ك س and the article ال, with لل for ل+ال) and enclitic pronouns
/// (ه ها هم هما هن كم كما كن ك نا ني ي) from an Arabic word, returning the stem's offsets in the word.
/// Works on the word as written (diacritics, tatweel and format marks are stepped over), so offsets
/// map back to the original text.
/// <para>Rules, in order:</para>
/// <list type="number">
/// <item>A word of fewer than 3 letters, or one the <see cref="StemLexicon"/> knows (also with a plural or
/// feminine ending: ات ون ين ان ة ي), stays whole — so وزير، بلد، لبنان، كتابات are not split.</item>
/// <item>Otherwise, if the word starts with the article — ال, بال, كال, لل, وال, فال, وبال, ولل… followed by
/// at least 2 letters, written with a bare alef (not ألمانيا) — the article comes off, and no pronoun (the
/// two never meet on one noun). لل before a known stem starting with ل is ل + (ال)ل…: للجنة → لجنة.</item>
/// <item>Otherwise every reading conj? (و|ف) + (ب|ك|ل|س)? + stem + pronoun? is tried; a reading
/// counts when its stem (at least 2 letters) is in the lexicon, directly or with such an ending, or with
/// ت restored to ة before a pronoun (حكومته → حكومة). The longest stem wins; on a tie, the reading that
/// found its stem directly, then the one with fewer clitic letters.</item>
/// <item>The future س only comes before an imperfect prefix (ي ت ن ا) and never with the article.</item>
/// <item>Anything else (an unknown word, most likely a name) stays whole.</item>
/// </list>
/// </summary>
public sealed class CliticSegmenter
{
    /// <summary>The segmenter over <see cref="StemLexicon.Default"/>.</summary>
    public static CliticSegmenter Default => LazyDefault.Value;

    private static readonly Lazy<CliticSegmenter> LazyDefault = new(() => new CliticSegmenter(StemLexicon.Default));

    /// <summary>The fewest letters a stem keeps.</summary>
    public const int MinStem = 2;

    /// <summary>Longer words are not segmented (they are not Arabic words).</summary>
    private const int MaxLetters = 48;

    private readonly StemLexicon _lexicon;

    public CliticSegmenter() : this(StemLexicon.Default)
    {
    }

    public CliticSegmenter(StemLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    public StemLexicon Lexicon => _lexicon;

    /// <summary>Segments a word as written; offsets are into <paramref name="word"/>.</summary>
    public CliticSplit Segment(ReadOnlySpan<char> word) => Segment(word, searchForm: false);

    /// <summary>
    /// Segments a term already normalised at <see cref="NormalizationLevel.Search"/> (the Lucene filter's
    /// case): there a final ه may stand for ة, and every alef is bare.
    /// </summary>
    public CliticSplit SegmentSearchTerm(ReadOnlySpan<char> term) => Segment(term, searchForm: true);

    private CliticSplit Segment(ReadOnlySpan<char> word, bool searchForm)
    {
        var whole = new CliticSplit(0, word.Length, Proclitics.None, 0);
        if (word.Length < 3 || word.Length > 4 * MaxLetters) return whole;
        Span<char> letters = stackalloc char[MaxLetters];
        Span<int> pos = stackalloc int[MaxLetters + 1];
        Span<bool> hamzaAlef = stackalloc bool[MaxLetters];
        int n = Letters(word, letters, pos, hamzaAlef);
        if (n < 3) return whole;
        letters = letters[..n];
        // Most words can carry no clitic at all: no proclitic letter in front, no pronoun letter at the end.
        if (!MayStartWithProclitic(letters[0]) && !MayEndWithEnclitic(letters[n - 1])) return whole;

        // Proclitic readings: (start of what follows, flags); index 0 is "none".
        Span<(int Start, Proclitics Flags)> pro = stackalloc (int, Proclitics)[12];
        int proCount = ProcliticReadings(letters, hamzaAlef, searchForm, pro);

        // For search terms an article before 3 letters or more comes off without asking the lexicon about
        // the whole word (the rare whole words that start with ال are read the same way in documents and
        // queries, so nothing is lost, and a third of all terms skip a lookup).
        int articleStem = 0;
        for (int p = proCount - 1; p > 0; p--)
            if ((pro[p].Flags & Proclitics.Article) != 0) { articleStem = n - pro[p].Start; break; }
        bool articleFirst = searchForm && articleStem >= 3;
        // Before an article with 3 letters or more after it, only the word itself counts, not an inflected
        // form of it: الحادي is ال + حادي, though إلحاد + ي folds to the same letters.
        if (!articleFirst && (articleStem >= 3 ? Has(letters, searchForm) : Known(letters, searchForm, afterPronoun: false, out _)))
            return whole;

        // The article never takes a pronoun after its noun, and a word that starts with one (not known as
        // a whole) is read with it: the last article reading, which has the most proclitics, wins. The
        // one exception is لل before a stem that itself starts with ل: للجنة is ل + (ال)لجنة, not لل + جنة.
        for (int p = proCount - 1; p > 0; p--)
        {
            var (start, flags) = pro[p];
            if ((flags & Proclitics.Article) == 0 || n - start < MinStem) continue;
            if ((flags & (Proclitics.Lam | Proclitics.Article)) == (Proclitics.Lam | Proclitics.Article)
                && letters[start - 1] == ArabicLetters.Lam && letters[start - 2] == ArabicLetters.Lam
                && Known(letters[(start - 1)..], searchForm, afterPronoun: false, out _))
                return new CliticSplit(pos[start - 1], word.Length, flags, 0);
            return new CliticSplit(pos[start], word.Length, flags, 0);
        }

        // The pronouns the word may end with (at most 4: none, then e.g. ا → ها نا هما كما).
        Span<int> enclitics = stackalloc int[5];
        int encCount = EncliticLengths(letters, enclitics);

        // Every reading (proclitics, pronoun) with a stem of MinStem letters or more, longest stem first.
        Span<(int StemLength, int Pro, int Enc)> readings = stackalloc (int, int, int)[12 * 5];
        int count = 0;
        for (int p = 0; p < proCount; p++)
        {
            int start = pro[p].Start;
            for (int e = 0; e < encCount; e++)
            {
                int encLength = enclitics[e];
                if (start == 0 && encLength == 0) continue; // the whole word, already tried
                int stemLength = n - start - encLength;
                if (stemLength < MinStem) continue;
                // Stable insertion by stem length, descending.
                int k = count++;
                while (k > 0 && readings[k - 1].StemLength < stemLength)
                {
                    readings[k] = readings[k - 1];
                    k--;
                }
                readings[k] = (stemLength, p, encLength);
            }
        }
        // The first reading whose stem the lexicon knows wins; among readings with a stem of the same
        // length, one found directly beats one found through an ending.
        int best = -1;
        bool bestTeh = false;
        for (int r = 0; r < count; r++)
        {
            var (stemLength, p, enc) = readings[r];
            if (best >= 0 && stemLength < readings[best].StemLength) break;
            if (!Known(letters.Slice(pro[p].Start, stemLength), searchForm, afterPronoun: enc > 0, out bool direct, out bool teh)) continue;
            if (best < 0) (best, bestTeh) = (r, teh);
            if (direct) { (best, bestTeh) = (r, teh); break; }
        }
        if (best >= 0)
        {
            var (_, p, enc) = readings[best];
            return new CliticSplit(pos[pro[p].Start], pos[n - enc], pro[p].Flags, word.Length - pos[n - enc])
            {
                TehMarbutaBeforePronoun = bestTeh,
            };
        }

        return whole;
    }

    private static bool MayStartWithProclitic(char c) =>
        c is ArabicLetters.Waw or ArabicLetters.Feh or ArabicLetters.Beh or ArabicLetters.Kaf or ArabicLetters.Lam
            or ArabicLetters.Seen or ArabicLetters.Alef;

    private static bool MayEndWithEnclitic(char c) =>
        c is ArabicLetters.Heh or ArabicLetters.Alef or ArabicLetters.Meem or ArabicLetters.Noon or ArabicLetters.Yeh or ArabicLetters.Kaf;

    /// <summary>
    /// Writes the lengths of the enclitic pronouns the word ends with — 0 (none) first, then the longest:
    /// ه ها هم هما هن، ك كم كما كن، نا ني ي — and returns how many there are.
    /// </summary>
    private static int EncliticLengths(ReadOnlySpan<char> l, Span<int> lengths)
    {
        int count = 0;
        lengths[count++] = 0;
        int n = l.Length;
        char last = l[n - 1], before = n >= 2 ? l[n - 2] : '\0';
        switch (last)
        {
            case ArabicLetters.Heh:
                lengths[count++] = 1; // ه
                break;
            case ArabicLetters.Kaf:
                lengths[count++] = 1; // ك
                break;
            case ArabicLetters.Yeh:
                if (before == ArabicLetters.Noon) lengths[count++] = 2; // ني
                lengths[count++] = 1; // ي
                break;
            case ArabicLetters.Meem:
                if (before is ArabicLetters.Heh or ArabicLetters.Kaf) lengths[count++] = 2; // هم كم
                break;
            case ArabicLetters.Noon:
                if (before is ArabicLetters.Heh or ArabicLetters.Kaf) lengths[count++] = 2; // هن كن
                break;
            case ArabicLetters.Alef:
                if (before == ArabicLetters.Meem && n >= 3 && l[n - 3] is ArabicLetters.Heh or ArabicLetters.Kaf)
                    lengths[count++] = 3; // هما كما
                if (before is ArabicLetters.Heh or ArabicLetters.Noon) lengths[count++] = 2; // ها نا
                break;
        }
        return count;
    }

    private static int ProcliticReadings(ReadOnlySpan<char> l, ReadOnlySpan<bool> hamzaAlef, bool searchForm,
        Span<(int Start, Proclitics Flags)> output)
    {
        int count = 0;
        output[count++] = (0, Proclitics.None);
        int n = l.Length;
        // Conjunction.
        Span<(int, Proclitics)> conj = [(0, Proclitics.None), (-1, Proclitics.None)];
        int conjCount = 1;
        if (l[0] == ArabicLetters.Waw) conj[conjCount++] = (1, Proclitics.Waw);
        else if (l[0] == ArabicLetters.Feh) conj[conjCount++] = (1, Proclitics.Fa);
        for (int c = 0; c < conjCount; c++)
        {
            var (ci, cf) = conj[c];
            if (ci > 0 && count < output.Length) output[count++] = (ci, cf);
            if (ci + 2 >= n) continue;
            // Preposition or future particle.
            char p = l[ci];
            Proclitics pf = p switch
            {
                ArabicLetters.Beh => Proclitics.Ba,
                ArabicLetters.Kaf => Proclitics.Kaf,
                ArabicLetters.Lam => Proclitics.Lam,
                ArabicLetters.Seen => Proclitics.Seen,
                _ => Proclitics.None,
            };
            if (pf == Proclitics.Seen && l[ci + 1] is not (ArabicLetters.Yeh or ArabicLetters.Teh or ArabicLetters.Noon or ArabicLetters.Alef))
                pf = Proclitics.None;
            if (pf != Proclitics.None && count < output.Length) output[count++] = (ci + 1, cf | pf);
            // Article right after the conjunction, or after ب/ك: ال (bare alef only), or لل after ل.
            if (IsArticle(l, hamzaAlef, ci, searchForm) && count < output.Length)
                output[count++] = (ci + 2, cf | Proclitics.Article);
            if (pf is Proclitics.Ba or Proclitics.Kaf && IsArticle(l, hamzaAlef, ci + 1, searchForm) && count < output.Length)
                output[count++] = (ci + 3, cf | pf | Proclitics.Article);
            if (pf == Proclitics.Lam && l[ci + 1] == ArabicLetters.Lam && count < output.Length)
                output[count++] = (ci + 2, cf | Proclitics.Lam | Proclitics.Article);
        }
        return count;
    }

    private static bool IsArticle(ReadOnlySpan<char> l, ReadOnlySpan<bool> hamzaAlef, int i, bool searchForm) =>
        i + 2 < l.Length && l[i] == ArabicLetters.Alef && l[i + 1] == ArabicLetters.Lam && (searchForm || !hamzaAlef[i]);

    /// <summary>
    /// True when <paramref name="stem"/> is in the lexicon, directly (<paramref name="direct"/>) or with a
    /// plural, dual, feminine or nisba ending; before a pronoun ت may stand for ة. In search form the
    /// search-level table is asked, where ة is ه already.
    /// </summary>
    private bool Known(ReadOnlySpan<char> stem, bool searchForm, bool afterPronoun, out bool direct) =>
        Known(stem, searchForm, afterPronoun, out direct, out _);

    private bool Known(ReadOnlySpan<char> stem, bool searchForm, bool afterPronoun, out bool direct, out bool tehMarbuta)
    {
        tehMarbuta = false;
        direct = Has(stem, searchForm);
        if (direct) return true;
        int n = stem.Length;
        char finalTehMarbuta = searchForm ? ArabicLetters.Heh : ArabicLetters.TehMarbuta;
        Span<char> buffer = stackalloc char[MaxLetters + 1];
        char last = stem[n - 1];
        // ة written as ت before a pronoun (حكومته).
        if (afterPronoun && last == ArabicLetters.Teh && WithTehMarbuta(stem[..^1], buffer, searchForm))
        {
            tehMarbuta = true;
            return true;
        }
        // Endings come off only a base of 3 letters or more: لا + يات is not a plural.
        if (n >= 5)
        {
            ReadOnlySpan<char> end2 = stem[^2..];
            if (end2.SequenceEqual("ات"))
                return Has(stem[..^2], searchForm) || WithTehMarbuta(stem[..^2], buffer, searchForm);
            if (end2.SequenceEqual("ون") || end2.SequenceEqual("ين") || end2.SequenceEqual("ان"))
            {
                if (Has(stem[..^2], searchForm)) return true;
                // Feminine dual: مدينتان / مدينتين → مدينة.
                return n >= 6 && stem[^3] == ArabicLetters.Teh && WithTehMarbuta(stem[..^3], buffer, searchForm);
            }
        }
        if (n >= 4 && (last == finalTehMarbuta || last == ArabicLetters.Yeh))
            return Has(stem[..^1], searchForm); // سعودية → سعودي، لبناني → لبنان
        return false;
    }

    private bool Has(ReadOnlySpan<char> key, bool searchForm) =>
        searchForm ? _lexicon.ContainsSearchKey(key) : _lexicon.ContainsKey(key);

    private bool WithTehMarbuta(ReadOnlySpan<char> stem, Span<char> buffer, bool searchForm)
    {
        if (stem.Length < MinStem || stem.Length >= buffer.Length) return false;
        stem.CopyTo(buffer);
        buffer[stem.Length] = searchForm ? ArabicLetters.Heh : ArabicLetters.TehMarbuta;
        return Has(buffer[..(stem.Length + 1)], searchForm);
    }

    /// <summary>Copies the folded letters of <paramref name="word"/> and their offsets; marks alefs written with hamza.</summary>
    private static int Letters(ReadOnlySpan<char> word, Span<char> letters, Span<int> pos, Span<bool> hamzaAlef)
    {
        int n = 0;
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            char f = ArabicNormalizer.FoldForLexicon(c);
            if (f == '\0') continue;
            if (n == letters.Length) return 0; // too long to be an Arabic word
            letters[n] = f;
            hamzaAlef[n] = c is ArabicLetters.AlefHamzaAbove or ArabicLetters.AlefHamzaBelow or ArabicLetters.AlefMadda;
            pos[n] = i;
            n++;
        }
        pos[n] = word.Length;
        return n;
    }
}
