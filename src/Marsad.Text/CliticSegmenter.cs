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
/// Separates proclitics (و ف ب ل ك س and the article ال, with لل for ل+ال), enclitic pronouns
/// (ه ها هم هما هن كم كما كن ك نا ني ي) and the accusative alif (كتاباً، أيضاً) from an Arabic word, returning
/// the stem's offsets in the word. Works on the word as written (diacritics, tatweel and format marks are
/// stepped over), so offsets map back to the original text; search terms are segmented as written too,
/// before any ة/ه or hamza folding can invent or hide a clitic.
/// <para>Rules, in order:</para>
/// <list type="number">
/// <item>ل ب ك before a bare pronoun keep the preposition as the stem: له، بها، لهم.</item>
/// <item>A word the <see cref="StemLexicon"/> marks whole (الذي، كما، هناك) stays whole.</item>
/// <item>A word that starts with the article — ال, بال, كال, لل, وال, فال, وبال, ولل… followed by at least 2
/// letters, written with a bare alef (not ألمانيا) — and is not a stem itself loses the article, and takes no
/// pronoun (the two never meet on one noun); و/ف before a function word that starts with ال (والتي) is only
/// the conjunction; لل before a known stem starting with ل is ل + (ال)ل…: للجنة → لجنة.</item>
/// <item>Otherwise every reading conj? (و|ف) + (ب|ك|ل|س)? + stem + (pronoun | accusative alif)? whose stem
/// the lexicon knows — directly, with an inflectional ending its kind takes (nouns ات ون ين ان ة ي, verbs ت
/// وا تا تم تن ن ون ين ا), or with ت restored to ة before a pronoun (حكومته → حكومة) — and whose parts fit
/// its kind (ب ك only before nouns and function words, ل before nouns or an imperfect verb, س before an
/// imperfect verb, a pronoun after nouns, verbs and the function words that take one, the alif after a
/// noun) is scored by evidence: the stem's corpus weight, less <see cref="CliticPenalty"/> for each clitic.
/// The word itself, when the lexicon knows it, competes with its own weight; the best score wins, and on a
/// tie the reading with fewer clitics. A word the lexicon does not know (most likely a name) is split only
/// when the stem of the reading is attested in news text (<see cref="MinAttested"/>): بوتين is not ب + وتين.</item>
/// </list>
/// </summary>
public sealed partial class CliticSegmenter
{
    /// <summary>The segmenter over <see cref="StemLexicon.Default"/>.</summary>
    public static CliticSegmenter Default => LazyDefault.Value;

    private static readonly Lazy<CliticSegmenter> LazyDefault = new(() => new CliticSegmenter(StemLexicon.Default));

    /// <summary>The fewest letters a stem keeps (but see rule 1: له).</summary>
    public const int MinStem = 2;

    /// <summary>
    /// What each clitic costs a reading, in weight units (quarter-octaves of corpus frequency): 4 means a split
    /// must find a stem at least twice as frequent per clitic as the word read whole.
    /// </summary>
    public const int DefaultCliticPenalty = 4;

    /// <summary>The weight a stem needs to split a word the lexicon does not know: seen about ten times.</summary>
    public const int MinAttested = 14;

    /// <summary>Longer words are not segmented (they are not Arabic words).</summary>
    private const int MaxLetters = 48;

    private const char Fathatan = '\u064B';

    private readonly StemLexicon _lexicon;

    public CliticSegmenter() : this(StemLexicon.Default)
    {
    }

    /// <param name="lexicon">The stems.</param>
    /// <param name="cliticPenalty">What a clitic costs a reading (see <see cref="DefaultCliticPenalty"/>); the
    /// accuracy bench sweeps it.</param>
    public CliticSegmenter(StemLexicon lexicon, int cliticPenalty = DefaultCliticPenalty)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentOutOfRangeException.ThrowIfNegative(cliticPenalty);
        _lexicon = lexicon;
        CliticPenalty = cliticPenalty;
    }

    /// <summary>What each clitic costs a reading here.</summary>
    public int CliticPenalty { get; }

    public StemLexicon Lexicon => _lexicon;

    /// <summary>Segments a word as written; offsets are into <paramref name="word"/>.</summary>
    public CliticSplit Segment(ReadOnlySpan<char> word)
    {
        var whole = new CliticSplit(0, word.Length, Proclitics.None, 0);
        if (word.Length < 2 || word.Length > 4 * MaxLetters) return whole;
        Span<char> letters = stackalloc char[MaxLetters];
        Span<int> pos = stackalloc int[MaxLetters + 1];
        Span<bool> hamzaAlef = stackalloc bool[MaxLetters];
        int n = Letters(word, letters, pos, hamzaAlef, out bool tanween, out bool maksura);
        if (n < 2) return whole;
        letters = letters[..n];
        // Most words can carry no clitic at all: no proclitic letter in front, no pronoun letter at the end.
        if (!MayStartWithProclitic(letters[0]) && !MayEndWithEnclitic(letters[n - 1])) return whole;
        var keys = new SliceHashes(_lexicon, letters, stackalloc ulong[SliceHashes.Rows * (MaxLetters + 1)]);
        var direct = keys.Lookup(0, n);
        if (direct.Is(StemKinds.Whole)) return whole;
        // Rule 1: ل ب ك + a bare pronoun (له، بها، لهم، بكم).
        if (letters[0] is ArabicLetters.Lam or ArabicLetters.Beh or ArabicLetters.Kaf && IsBarePronoun(letters[1..]))
            return new CliticSplit(0, pos[1], Proclitics.None, word.Length - pos[1]);
        if (n < 3) return whole;

        // Proclitic readings: (start of what follows, flags); index 0 is "none".
        Span<(int Start, Proclitics Flags)> pro = stackalloc (int, Proclitics)[12];
        int proCount = ProcliticReadings(letters, hamzaAlef, pro);

        // Rule 3, the article. Before 3 letters or more only the word itself counts, not an inflected form:
        // الحادي is ال + حادي, though إلحاد + ي folds to the same letters.
        int articleStem = 0;
        for (int p = proCount - 1; p > 0; p--)
            if ((pro[p].Flags & Proclitics.Article) != 0) { articleStem = n - pro[p].Start; break; }
        if (articleStem > 0)
        {
            if (articleStem >= 3 ? direct.Found : Known(ref keys, 0, n, afterPronoun: false, out _).Found) return whole;
            // والتي، فالذي: the conjunction before a function word that starts with ال.
            for (int p = 1; p < proCount; p++)
            {
                var (start, flags) = pro[p];
                if ((flags & (Proclitics.Article | Proclitics.Ba | Proclitics.Kaf | Proclitics.Lam | Proclitics.Seen)) != 0) continue;
                var rest = keys.Lookup(start, n);
                if (rest.Is(StemKinds.Function | StemKinds.Whole) && letters[start] == ArabicLetters.Alef)
                    return new CliticSplit(pos[start], word.Length, flags, 0);
            }
            for (int p = proCount - 1; p > 0; p--)
            {
                var (start, flags) = pro[p];
                if ((flags & Proclitics.Article) == 0 || n - start < MinStem) continue;
                if ((flags & (Proclitics.Lam | Proclitics.Article)) == (Proclitics.Lam | Proclitics.Article)
                    && letters[start - 1] == ArabicLetters.Lam && letters[start - 2] == ArabicLetters.Lam
                    && Known(ref keys, start - 1, n, afterPronoun: false, out _).Is(StemKinds.Noun))
                    return new CliticSplit(pos[start - 1], word.Length, flags, 0);
                return new CliticSplit(pos[start], word.Length, flags, 0);
            }
        }

        // Rule 4: every other reading, scored by evidence. An alif written with its tanween is an ending for
        // sure, so then the word is not read whole, and the alif comes off even before an unknown stem.
        var wholeEntry = tanween ? default : direct.Found ? direct : Known(ref keys, 0, n, afterPronoun: false, out _);
        // The word read whole through an inflectional ending (وبدون as وبد + ون) is a guess like a clitic: it costs one.
        int bestScore = wholeEntry.Found ? wholeEntry.Weight - (direct.Found ? 0 : CliticPenalty) : int.MinValue;
        int bestClitics = 0, bestStem = n;
        (int Start, int End, Proclitics Flags, bool Teh) best = (0, n, Proclitics.None, false);
        if (tanween)
        {
            (bestScore, bestClitics, bestStem) = (int.MinValue + 1, 1, n - 1);
            best = (0, n - 1, Proclitics.None, false);
        }
        Span<(int Length, Ending Kind)> endings = stackalloc (int, Ending)[6];
        int endCount = Endings(letters, tanween, maksura, endings);
        for (int p = 0; p < proCount; p++)
        {
            var (start, flags) = pro[p];
            int proClitics = System.Numerics.BitOperations.PopCount((uint)flags);
            for (int e = 0; e < endCount; e++)
            {
                var (encLength, kind) = endings[e];
                if (start == 0 && encLength == 0) continue; // the whole word, scored above
                int stemLength = n - start - encLength;
                if (stemLength < MinStem) continue;
                // A bare alif is the accusative only where the stem with it is no word (ب + سوريا, not ب + سوري + ا).
                if (kind == Ending.Accusative && !tanween && Known(ref keys, start, n, afterPronoun: false, out _).Found) continue;
                var entry = Known(ref keys, start, n - encLength, afterPronoun: kind == Ending.Pronoun, out bool teh);
                if (!entry.Found || !Fits(entry.Kinds, flags, kind, letters[start])) continue;
                // A preposition letter that begins a whole word is no clitic: وبدون is و + بدون, not وب + دون.
                if ((flags & (Proclitics.Ba | Proclitics.Kaf | Proclitics.Lam)) != 0
                    && keys.Lookup(start - 1, n - encLength).Is(StemKinds.Whole)) continue;
                if (!wholeEntry.Found && entry.Weight < MinAttested) continue;
                int clitics = proClitics + (encLength > 0 ? 1 : 0);
                // First and second person are rare in news, and their letters end many words (بنك، شريك، سطحي،
                // أمانا): ك كم ي ني نا cost twice.
                int cost = clitics + (kind == Ending.Pronoun && letters[n - encLength] is not ArabicLetters.Heh ? 1 : 0);
                // A lone ي is also the nisba ending of names and adjectives (شكري، الإدريسي، سطحي): "my" costs once more.
                if (kind == Ending.Pronoun && encLength == 1 && letters[n - 1] == ArabicLetters.Yeh) cost++;
                // و or ف alone before a function word is the rule, not a guess (وهي، وقد، فإن): it costs nothing.
                if (flags is Proclitics.Waw or Proclitics.Fa && encLength == 0 && entry.Is(StemKinds.Function)) cost--;
                int score = entry.Weight - CliticPenalty * cost;
                if (score > bestScore || (score == bestScore && (clitics < bestClitics || (clitics == bestClitics && stemLength > bestStem))))
                {
                    (bestScore, bestClitics, bestStem) = (score, clitics, stemLength);
                    best = (start, n - encLength, flags, teh);
                }
            }
        }
        if (best.Start == 0 && best.End == n) return whole;
        return new CliticSplit(pos[best.Start], pos[best.End], best.Flags, word.Length - pos[best.End])
        {
            TehMarbutaBeforePronoun = best.Teh,
        };
    }

    /// <summary>
    /// The inflectional ending the lexicon confirms at the end of <paramref name="stem"/> (a stem as
    /// <see cref="Segment"/> found it, as written): plural and dual ات ون ين ان (تان تين for nouns in ة) and the
    /// verb endings ت وا تا تم تن ن ا, even where the inflected form is an entry of its own (بدأت، قوات).
    /// Returns how many characters it takes (0: none) and whether the base then ends in an unwritten ة
    /// (آيات → آية); the stem less the ending is the base the forms share, for search.
    /// </summary>
    public int InflectionOf(ReadOnlySpan<char> stem, out bool baseEndsInTehMarbuta)
    {
        baseEndsInTehMarbuta = false;
        if (stem.Length < 3 || stem.Length > 4 * MaxLetters) return 0;
        Span<char> letters = stackalloc char[MaxLetters];
        Span<int> pos = stackalloc int[MaxLetters + 1];
        Span<bool> hamzaAlef = stackalloc bool[MaxLetters];
        int n = Letters(stem, letters, pos, hamzaAlef, out _, out _);
        if (n < 4) return 0;
        var keys = new SliceHashes(_lexicon, letters[..n], stackalloc ulong[SliceHashes.Rows * (MaxLetters + 1)]);
        var entry = Known(ref keys, 0, n, afterPronoun: false, out _, out int inflection, out baseEndsInTehMarbuta, skipDirect: true);
        if (!entry.Found || inflection == 0) return 0;
        return stem.Length - pos[n - inflection];
    }

    /// <summary>
    /// Segments a term already normalised at <see cref="NormalizationLevel.Search"/>. Kept for callers that
    /// only have the normalised form; the search analyzer segments the word as written instead.
    /// </summary>
    public CliticSplit SegmentSearchTerm(ReadOnlySpan<char> term) => Segment(term);

    private enum Ending : byte { None, Pronoun, Accusative }

    /// <summary>Whether a stem of these kinds takes these proclitics and this ending.</summary>
    private static bool Fits(StemKinds kinds, Proclitics flags, Ending ending, char first)
    {
        const StemKinds nominal = StemKinds.Noun | StemKinds.Function | StemKinds.Whole | StemKinds.Name;
        bool imperfect = first is ArabicLetters.Yeh or ArabicLetters.Teh or ArabicLetters.Noon or ArabicLetters.Alef;
        if ((flags & (Proclitics.Ba | Proclitics.Kaf)) != 0 && (kinds & nominal) == 0) return false;
        if ((flags & Proclitics.Lam) != 0 && (kinds & nominal) == 0 && !imperfect) return false;
        if ((flags & Proclitics.Seen) != 0 && (kinds & StemKinds.Verb) == 0) return false;
        return ending switch
        {
            Ending.Pronoun => (kinds & (StemKinds.Noun | StemKinds.Verb | StemKinds.TakesPronoun)) != 0,
            Ending.Accusative => (kinds & StemKinds.Noun) != 0,
            _ => true,
        };
    }

    private static bool IsBarePronoun(ReadOnlySpan<char> l) =>
        l.Length switch
        {
            1 => l[0] is ArabicLetters.Heh or ArabicLetters.Kaf,
            2 => l[0] is ArabicLetters.Heh && l[1] is ArabicLetters.Alef or ArabicLetters.Meem or ArabicLetters.Noon
                || l[0] is ArabicLetters.Kaf && l[1] is ArabicLetters.Meem
                || l[0] is ArabicLetters.Noon && l[1] is ArabicLetters.Alef,
            3 => l[1] == ArabicLetters.Meem && l[2] == ArabicLetters.Alef && l[0] is ArabicLetters.Heh or ArabicLetters.Kaf,
            _ => false,
        };

    private static bool MayStartWithProclitic(char c) =>
        c is ArabicLetters.Waw or ArabicLetters.Feh or ArabicLetters.Beh or ArabicLetters.Kaf or ArabicLetters.Lam
            or ArabicLetters.Seen or ArabicLetters.Alef;

    private static bool MayEndWithEnclitic(char c) =>
        c is ArabicLetters.Heh or ArabicLetters.Alef or ArabicLetters.Meem or ArabicLetters.Noon or ArabicLetters.Yeh or ArabicLetters.Kaf;

    /// <summary>
    /// Writes the endings the word may have — none first, then the pronouns, longest first (ه ها هم هما هن،
    /// ك كم، نا ني ي; not the second person's feminine and dual كن كما, which news text all but never uses,
    /// while يتمكن and كما end in them) and the accusative alif — and returns how many there are. A final ى
    /// (<paramref name="maksura"/>, folded to ي) is no pronoun: انتهى، أعلى.
    /// </summary>
    private static int Endings(ReadOnlySpan<char> l, bool tanween, bool maksura, Span<(int, Ending)> output)
    {
        int count = 0;
        output[count++] = (0, Ending.None);
        int n = l.Length;
        char last = l[n - 1], before = n >= 2 ? l[n - 2] : '\0';
        switch (last)
        {
            case ArabicLetters.Heh:
                output[count++] = (1, Ending.Pronoun); // ه
                break;
            case ArabicLetters.Kaf:
                output[count++] = (1, Ending.Pronoun); // ك
                break;
            case ArabicLetters.Yeh:
                if (maksura) break;
                if (before == ArabicLetters.Noon) output[count++] = (2, Ending.Pronoun); // ني
                output[count++] = (1, Ending.Pronoun); // ي
                break;
            case ArabicLetters.Meem:
                if (before is ArabicLetters.Heh or ArabicLetters.Kaf) output[count++] = (2, Ending.Pronoun); // هم كم
                break;
            case ArabicLetters.Noon:
                if (before is ArabicLetters.Heh) output[count++] = (2, Ending.Pronoun); // هن
                break;
            case ArabicLetters.Alef:
                if (tanween)
                {
                    output[count++] = (1, Ending.Accusative);
                    break;
                }
                if (before == ArabicLetters.Meem && n >= 3 && l[n - 3] is ArabicLetters.Heh)
                    output[count++] = (3, Ending.Pronoun); // هما
                if (before is ArabicLetters.Heh or ArabicLetters.Noon) output[count++] = (2, Ending.Pronoun); // ها نا
                output[count++] = (1, Ending.Accusative);
                break;
        }
        return count;
    }

    private static int ProcliticReadings(ReadOnlySpan<char> l, ReadOnlySpan<bool> hamzaAlef, Span<(int Start, Proclitics Flags)> output)
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
            if (IsArticle(l, hamzaAlef, ci) && count < output.Length)
                output[count++] = (ci + 2, cf | Proclitics.Article);
            if (pf is Proclitics.Ba or Proclitics.Kaf && IsArticle(l, hamzaAlef, ci + 1) && count < output.Length)
                output[count++] = (ci + 3, cf | pf | Proclitics.Article);
            if (pf == Proclitics.Lam && l[ci + 1] == ArabicLetters.Lam && count < output.Length)
                output[count++] = (ci + 2, cf | Proclitics.Lam | Proclitics.Article);
        }
        return count;
    }

    private static bool IsArticle(ReadOnlySpan<char> l, ReadOnlySpan<bool> hamzaAlef, int i) =>
        i + 2 < l.Length && l[i] == ArabicLetters.Alef && l[i + 1] == ArabicLetters.Lam && !hamzaAlef[i];

    /// <summary>
    /// Copies the folded letters of <paramref name="word"/> and their offsets; marks alefs written with hamza,
    /// whether a fathatan (ً) is written on or before the final alif, and whether the last letter is ى.
    /// </summary>
    private static int Letters(ReadOnlySpan<char> word, Span<char> letters, Span<int> pos, Span<bool> hamzaAlef, out bool tanween, out bool maksura)
    {
        int n = 0;
        tanween = maksura = false;
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            if (c == Fathatan) tanween = true;
            char f = ArabicNormalizer.FoldForLexicon(c);
            if (f == '\0') continue;
            if (n == letters.Length) return 0; // too long to be an Arabic word
            // A fathatan belongs to the last letter or the one before it (ـاً or ـًا).
            if (f != ArabicLetters.Alef) tanween = false;
            letters[n] = f;
            maksura = c == ArabicLetters.AlefMaksura;
            hamzaAlef[n] = c is ArabicLetters.AlefHamzaAbove or ArabicLetters.AlefHamzaBelow or ArabicLetters.AlefMadda;
            pos[n] = i;
            n++;
        }
        pos[n] = word.Length;
        return n;
    }
}
