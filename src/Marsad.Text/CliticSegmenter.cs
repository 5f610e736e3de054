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
/// <item>Otherwise every reading conj? (و|ف) + (ب|ك|ل|س)? + article? + stem + pronoun? is tried; a reading
/// counts when its stem (at least 2 letters) is in the lexicon, directly or with such an ending, or with
/// ت restored to ة before a pronoun (حكومته → حكومة). The longest stem wins; on a tie, the reading that
/// found its stem directly, then the one with fewer clitic letters.</item>
/// <item>The future س only comes before an imperfect prefix (ي ت ن ا) and never with the article.</item>
/// <item>Failing that, an article (ال, بال, كال, لل, وال, فال…) followed by at least 2 letters comes off —
/// but not an alef with hamza (ألمانيا): the article is written with a bare alef.</item>
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
        if (Known(letters, searchForm, afterPronoun: false, out _)) return whole;

        // Proclitic readings: (start of what follows, flags); index 0 is "none".
        Span<(int Start, Proclitics Flags)> pro = stackalloc (int, Proclitics)[12];
        int proCount = ProcliticReadings(letters, hamzaAlef, searchForm, pro);

        int bestStem = 0, bestPro = 0, bestEnc = 0;
        bool bestDirect = false;
        var bestFlags = Proclitics.None;
        for (int p = 0; p < proCount; p++)
        {
            var (start, flags) = pro[p];
            for (int e = 0; e < Enclitics.Length; e++)
            {
                string enc = Enclitics[e];
                int encLength = enc.Length;
                if (encLength > 0 && !letters.EndsWith(enc)) continue;
                if (start == 0 && encLength == 0) continue; // the whole word, already tried
                int stemLength = n - start - encLength;
                if (stemLength < MinStem) continue;
                if (!Known(letters.Slice(start, stemLength), searchForm, afterPronoun: encLength > 0, out bool direct)) continue;
                int clitics = start + encLength;
                bool better = stemLength > bestStem
                    || (stemLength == bestStem && direct && !bestDirect)
                    || (stemLength == bestStem && direct == bestDirect && clitics < bestPro + bestEnc);
                if (better)
                {
                    bestStem = stemLength;
                    bestPro = start;
                    bestEnc = encLength;
                    bestFlags = flags;
                    bestDirect = direct;
                }
            }
        }
        if (bestStem > 0)
            return new CliticSplit(pos[bestPro], pos[n - bestEnc], bestFlags, word.Length - pos[n - bestEnc]);

        // No reading found its stem: take off an article if there is one (the longest such reading).
        for (int p = proCount - 1; p > 0; p--)
        {
            var (start, flags) = pro[p];
            if ((flags & Proclitics.Article) != 0 && n - start >= MinStem)
                return new CliticSplit(pos[start], word.Length, flags, 0);
        }
        return whole;
    }

    // Enclitic pronouns, longest first so that هما is tried before ها and ه.
    private static readonly string[] Enclitics = ["", "هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي"];

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
    /// plural, dual, feminine or nisba ending; before a pronoun ت may stand for ة; in search form ه may.
    /// </summary>
    private bool Known(ReadOnlySpan<char> stem, bool searchForm, bool afterPronoun, out bool direct)
    {
        direct = _lexicon.ContainsKey(stem);
        if (direct) return true;
        int n = stem.Length;
        Span<char> buffer = stackalloc char[MaxLetters + 1];
        char last = stem[n - 1];
        // ة written as ت before a pronoun (حكومته), or as ه after search normalisation (حكومه).
        if ((afterPronoun && last == ArabicLetters.Teh) || (searchForm && last == ArabicLetters.Heh))
        {
            if (WithTehMarbuta(stem[..^1], buffer)) return true;
        }
        // Endings come off only a base of 3 letters or more: لا + يات is not a plural.
        if (n >= 5)
        {
            ReadOnlySpan<char> end2 = stem[^2..];
            if (end2.SequenceEqual("ات"))
                return _lexicon.ContainsKey(stem[..^2]) || WithTehMarbuta(stem[..^2], buffer);
            if (end2.SequenceEqual("ون") || end2.SequenceEqual("ين") || end2.SequenceEqual("ان"))
            {
                if (_lexicon.ContainsKey(stem[..^2])) return true;
                // Feminine dual: مدينتان / مدينتين → مدينة.
                if (n >= 6 && stem[^3] == ArabicLetters.Teh && WithTehMarbuta(stem[..^3], buffer)) return true;
                return false;
            }
        }
        if (n >= 4 && (last == ArabicLetters.TehMarbuta || (searchForm && last == ArabicLetters.Heh) || last == ArabicLetters.Yeh))
            return _lexicon.ContainsKey(stem[..^1]); // سعودية → سعودي، لبناني → لبنان
        return false;
    }

    private bool WithTehMarbuta(ReadOnlySpan<char> stem, Span<char> buffer)
    {
        if (stem.Length < MinStem || stem.Length >= buffer.Length) return false;
        stem.CopyTo(buffer);
        buffer[stem.Length] = ArabicLetters.TehMarbuta;
        return _lexicon.ContainsKey(buffer[..(stem.Length + 1)]);
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
