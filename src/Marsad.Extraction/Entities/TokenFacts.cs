using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

/// <summary>One way to read a word's proclitics: the stem starts at <see cref="Offset"/> of the folded word.</summary>
internal readonly record struct Reading(int Offset, bool Article, char Prep, bool Conj);

/// <summary>What the lists say about one token: its folded form, word classes and the reading that found them.</summary>
internal struct TokenFact
{
    public string Folded;
    public int Sentence;
    public bool Arabic;
    public bool Word;
    public char Punct;
    public int FullId;
    public int MiscFullId;
    public WordClass Full;
    /// <summary>Bit a is set when reading a (of <see cref="TokenFacts.Readings"/>) starts a name of the trie / the misc trie.</summary>
    public ushort TrieMask;
    public ushort MiscMask;
    public WordClass Bare;
    public Reading Best;
    /// <summary>
    /// 1 + the offset of the first reading that is a <see cref="WordClass.ClubHead"/> (وفاق: 1, لأتلتيكو: 2), 0 when
    /// none. Kept out of Full and Bare, which choose the reading and feed the rules and the tagger: only the club
    /// rule after tagging reads it.
    /// </summary>
    public byte ClubHeadAt;
    /// <summary>A reading of the word is a <see cref="WordClass.WorkIntro"/> (كتاب، لروايته); kept out of Full and Bare as <see cref="ClubHeadAt"/> is.</summary>
    public bool WorkIntro;
}

/// <summary>The longest gazetteer/lexicon name that starts at a token (End is 0 when none).</summary>
/// <remarks><see cref="Homonym"/>: another entry of the lists has the same name as long (عمان: Amman and Oman).</remarks>
internal readonly record struct LexMatch(int End, TriePayload Payload, Reading Analysis, bool AlsoDemonym = false, bool Homonym = false);

/// <summary>
/// Token facts, the first job of the entity stage: every token of the text stage folded once, its
/// proclitic readings (و ف, ب ل ك, ال, لل) looked up in the word classes and the frozen trie, and the
/// longest list match starting at each token. The rules, the tagger's features and the merging passes
/// all read these facts; none looks a word up again.
/// </summary>
internal sealed class TokenFacts
{
    public const int MaxReadings = 12;

    /// <summary>Most letters a reading strips (و/ف, then ب ل ك, then ال).</summary>
    private const int MaxOffset = 4;

    private readonly EntityLexicon _lex;
    private readonly AnalyzedDocument _doc;
    private readonly string _text;

    public TokenFacts(EntityLexicon lexicon, AnalyzedDocument document)
    {
        _lex = lexicon;
        _doc = document;
        _text = document.Text;
        int n = document.Tokens.Count;
        Tokens = new TokenFact[n];
        LexAt = new LexMatch[n];
        Prepare();
        for (int i = 0; i < n; i++) LexAt[i] = BestLexicon(i);
    }

    public TokenFact[] Tokens { get; }

    /// <summary>The longest list match starting at each token.</summary>
    public LexMatch[] LexAt { get; }

    public int Count => Tokens.Length;

    public EntityLexicon Lexicon => _lex;

    /// <summary>The rules' answer per token (<see cref="EntityExtractor.RuleTags"/>), set before the tagger reads its features.</summary>
    public byte[]? RuleTags { get; set; }

    public AnalyzedDocument Document => _doc;

    private void Prepare()
    {
        var tokens = _doc.Tokens;
        Span<Reading> buf = stackalloc Reading[MaxReadings];
        // The word and the slices its readings look up are suffixes of it: their hashes come from one pass. They
        // are computed a few tokens ahead (a ring of rows), and the lexicon slots they will read are asked for
        // then, so the table's cache misses overlap instead of coming one after the other.
        const int LookAhead = 4, Rows = LookAhead + 1, Row = MaxOffset + 1;
        Span<ulong> ring = stackalloc ulong[Rows * Row];
        for (int i = 0; i < Math.Min(LookAhead, tokens.Count); i++) Fold(i, ring.Slice(i * Row, Row));
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i + LookAhead < tokens.Count) Fold(i + LookAhead, ring.Slice((i + LookAhead) % Rows * Row, Row));
            var w = tokens[i];
            ref var t = ref Tokens[i];
            var suffixHash = ring.Slice(i % Rows * Row, Row);
            // One lookup answers the class and both trie ids of the whole word (reading 0 below).
            var full = _lex.Lookup(t.Folded, suffixHash[0]);
            t.FullId = full.TrieId;
            t.MiscFullId = full.MiscId;
            t.Full = full.Class & ~WordClass.AfterTagging;
            t.ClubHeadAt = (byte)((full.Class & WordClass.ClubHead) != 0 ? 1 : 0);
            t.WorkIntro = (full.Class & WordClass.WorkIntro) != 0;
            // وفي، فلا: a function word behind و/ف is still a function word
            if (t.Folded.Length > 2 && t.Folded[0] is ArabicLetters.Waw or ArabicLetters.Feh)
                t.Full |= _lex.Lookup(t.Folded.AsSpan(1), suffixHash[1]).Class & WordClass.Stop;
            // Matching folds ى into ي, so the preposition على looks like the name علي: the original tells them apart.
            if (t.Folded.EndsWith("علي", StringComparison.Ordinal) && t.Folded.Length <= 4 && _text[w.End - 1] == ArabicLetters.AlefMaksura)
                t.Full |= WordClass.Stop;
            t.Best = new Reading(0, false, '\0', false);
            if (!t.Arabic)
            {
                t.TrieMask = (ushort)(full.StartsName ? 1 : 0);
                continue;
            }
            int count = Readings(t.Folded, buf);
            bool found = false;
            // Every reading is looked up once here; the trie passes (BestLexicon, OtherNames) then only
            // revisit the readings that start a name, which most words have none of.
            for (int a = 0; a < count; a++)
            {
                int offset = buf[a].Offset;
                var info = a == 0 ? full : _lex.Lookup(t.Folded.AsSpan(offset), offset < suffixHash.Length ? suffixHash[offset] : WordTable<WordInfo>.Hash(t.Folded.AsSpan(offset))); // reading 0 is the whole word
                if (info.StartsName) t.TrieMask |= (ushort)(1 << a);
                if (info.StartsMisc) t.MiscMask |= (ushort)(1 << a);
                if (t.ClubHeadAt == 0 && (info.Class & WordClass.ClubHead) != 0) t.ClubHeadAt = (byte)(offset + 1);
                t.WorkIntro |= (info.Class & WordClass.WorkIntro) != 0;
                var cls = info.Class & ~WordClass.AfterTagging;
                if (!found && cls != WordClass.None) { t.Bare = cls; t.Best = buf[a]; found = true; }
            }
            if (!found)
            {
                // No class: take the reading with the article when there is one (والمغرب → مغرب).
                for (int a = 0; a < count; a++)
                    if (buf[a].Article) { t.Best = buf[a]; found = true; break; }
                // otherwise a leading و/ف is the conjunction (ومحاربة)
                if (!found && t.Folded.Length >= 4 && t.Folded[0] is ArabicLetters.Waw or ArabicLetters.Feh)
                    t.Best = new Reading(1, false, '\0', true);
            }
        }
    }

    /// <summary>Token <paramref name="i"/>'s folded form, sentence, kind and suffix hashes; prefetches the lexicon slots of its readings.</summary>
    private void Fold(int i, Span<ulong> suffixHash)
    {
        var w = _doc.Tokens[i];
        ref var t = ref Tokens[i];
        t.Folded = w.Norm.Contains(ArabicLetters.TehMarbuta) ? w.Norm.Replace(ArabicLetters.TehMarbuta, ArabicLetters.Heh) : w.Norm;
        t.Sentence = w.Sentence;
        t.Arabic = w.Kind == TokenKind.ArabicWord;
        t.Word = w.IsWord;
        t.Punct = w.Kind == TokenKind.Punctuation ? _text[w.Start] : '\0';
        WordTable<WordInfo>.SuffixHashes(t.Folded, suffixHash);
        // the whole word always; an Arabic word's readings strip up to MaxOffset letters
        int last = t.Arabic ? Math.Min(MaxOffset, t.Folded.Length) : 0;
        for (int k = 0; k <= last; k++) _lex.Prefetch(suffixHash[k]);
    }

    /// <summary>The readings of a folded word's proclitics, fewest letters stripped first.</summary>
    public static int Readings(string w, Span<Reading> output)
    {
        int n = 0;
        output[n++] = new Reading(0, false, '\0', false);
        for (int c0 = 0; c0 <= 1; c0++)
        {
            if (c0 == 1 && !(w.Length >= 4 && w[0] is ArabicLetters.Waw or ArabicLetters.Feh)) break;
            for (int c1 = 0; c1 <= 1; c1++)
            {
                int p = c0;
                char prep = '\0';
                if (c1 == 1)
                {
                    if (!(w.Length - p >= 4 && w[p] is ArabicLetters.Beh or ArabicLetters.Lam or ArabicLetters.Kaf)) continue;
                    prep = w[p];
                    p++;
                }
                var rest = w.AsSpan(p);
                if (rest.Length >= 4 && rest[0] == ArabicLetters.Alef && rest[1] == ArabicLetters.Lam)
                    Add(output, ref n, new Reading(p + 2, true, prep, c0 == 1));
                else if (prep == ArabicLetters.Lam && rest.Length >= 3 && rest[0] == ArabicLetters.Lam)
                    Add(output, ref n, new Reading(p + 1, true, prep, c0 == 1)); // لل: ل + ال with the alef dropped
                if (p > 0 && rest.Length >= 2) Add(output, ref n, new Reading(p, false, prep, c0 == 1));
            }
        }
        return n;

        static void Add(Span<Reading> o, ref int n, Reading a)
        {
            if (n < o.Length) o[n++] = a;
        }
    }

    public bool SameSentence(int i, int j) => j < Tokens.Length && Tokens[j].Sentence == Tokens[i].Sentence;

    public ReadOnlySpan<char> Bare(int i) => Tokens[i].Folded.AsSpan(Tokens[i].Best.Offset);

    public bool Has(int i, WordClass c) => i >= 0 && i < Tokens.Length && (Tokens[i].Bare & c) != 0;

    public bool IsStop(int i) => (Tokens[i].Full & WordClass.Stop) != 0;

    /// <summary>Offset in the document of the <paramref name="k"/>-th letter of token <paramref name="i"/>'s folded form.</summary>
    public int CharAt(int i, int k)
    {
        var w = _doc.Tokens[i];
        if (k <= 0) return w.Start;
        int seen = 0;
        for (int p = w.Start; p < w.End; p++)
        {
            char c = _text[p];
            if (ArabicLetters.IsDiacritic(c) || c == ArabicLetters.Tatweel || ArabicLetters.IsFormatMark(c)) continue;
            if (seen == k) return p;
            seen++;
        }
        return w.End;
    }

    // ---------------------------------------------------------------- lexicon

    /// <summary>
    /// The place a relative adjective with the article is made from (الوجدية ← وجدة، الفاسي ← فاس، السلاوية ← سلا,
    /// المراكشي ← مراكش): the lexicon target of a one-word place name (not a weak one), or -1. Countries' adjectives are in the
    /// lists as demonyms already; this finds those of the towns and provinces, which name clubs, banks and papers.
    /// </summary>
    public int PlaceNisba(int i)
    {
        ref var t = ref Tokens[i];
        if (!t.Arabic || !t.Best.Article || t.Full != WordClass.None || LexAt[i].End > i) return -1;
        var bare = t.Folded.AsSpan(t.Best.Offset);
        int suffix = bare.EndsWith("يه") ? 2 : bare.EndsWith("ي") ? 1 : 0;
        if (suffix == 0 || bare.Length - suffix < 3) return -1;
        var stem = bare[..^suffix];
        int n = stem.Length;
        // ال + the base + ه in one buffer: each form of the base is a slice of it, with or without the article
        Span<char> buf = stackalloc char[n + 3];
        buf[0] = ArabicLetters.Alef;
        buf[1] = ArabicLetters.Lam;
        stem.CopyTo(buf[2..]);
        buf[n + 2] = ArabicLetters.Heh;
        // the base as it is, with a final ه (وجدة), without a final و (سلاوي)
        ReadOnlySpan<int> lengths = [n, n + 1, n > 3 && stem[^1] == ArabicLetters.Waw ? n - 1 : 0];
        foreach (int len in lengths)
        {
            if (len == 0) continue;
            int target = OneWordPlace(buf.Slice(2, len));
            if (target < 0) target = OneWordPlace(buf[..(len + 2)]);
            if (target >= 0) return target;
        }
        return -1;
    }

    private int OneWordPlace(ReadOnlySpan<char> folded)
    {
        var trie = _lex.Trie;
        int id = trie.WordId(folded);
        if (id < 0) return -1;
        int node = trie.Next(TokenTrie.Root, id);
        if (node < 0) return -1;
        foreach (var p in trie.Payloads(node))
            if (p.Kind == MatchKind.Name && _lex.Targets[p.Target].Place is not null) return p.Target;
        return -1;
    }

    /// <summary>The entries (lexicon target ids) that share the name of the list match at token <paramref name="i"/>, its own first.</summary>
    public List<int> Homonyms(int i)
    {
        var targets = new List<int> { LexAt[i].Payload.Target };
        if (LexAt[i].Homonym) BestLexicon(i, targets);
        return targets;
    }

    /// <summary>
    /// The longest trie match starting at token <paramref name="i"/> (End is 0 when none). With
    /// <paramref name="homonyms"/>, also adds there every other name entry that matches as long as <see cref="LexAt"/>[i].
    /// </summary>
    private LexMatch BestLexicon(int i, List<int>? homonyms = null)
    {
        ref var t = ref Tokens[i];
        if (!t.Word || t.TrieMask == 0) return default;
        Span<Reading> buf = stackalloc Reading[MaxReadings];
        int count = t.Arabic ? Readings(t.Folded, buf) : 1;
        if (!t.Arabic) buf[0] = new Reading(0, false, '\0', false);
        var trie = _lex.Trie;
        LexMatch best = default;
        int bestRank = int.MaxValue;
        for (int a = 0; a < count; a++)
        {
            if ((t.TrieMask & (1 << a)) == 0) continue;
            var an = buf[a];
            int node = trie.Next(TokenTrie.Root, trie.WordId(t.Folded.AsSpan(an.Offset)));
            int j = i;
            while (node >= 0)
            {
                foreach (var p in trie.Payloads(node))
                {
                    if (p.Article == ArticleRule.Required && !an.Article) continue;
                    if (p.Article == ArticleRule.Forbidden && an.Article) continue;
                    if (p.Kind == MatchKind.WeakName && !(i > 0 && Has(i - 1, WordClass.PlaceWord))) continue;
                    if (p.Kind == MatchKind.Acronym && (j != i || !EntityLexicon.IsAcronym(_text.AsSpan(_doc.Tokens[i].Start, _doc.Tokens[i].End - _doc.Tokens[i].Start)))) continue;
                    int rank = _lex.Targets[p.Target].Rank + (p.Kind == MatchKind.Demonym ? 10 : 0);
                    int len = j + 1;
                    if (homonyms is not null)
                    {
                        if (len == LexAt[i].End && p.Kind != MatchKind.Demonym && !homonyms.Contains(p.Target)) homonyms.Add(p.Target);
                        continue;
                    }
                    // two names of one length that are different entries: the document will have to choose
                    bool homonym = len == best.End && p.Kind != MatchKind.Demonym && best.Payload.Kind != MatchKind.Demonym && p.Target != best.Payload.Target;
                    if (len > best.End || (len == best.End && rank < bestRank))
                    {
                        best = new LexMatch(len, p, an, best.End == len && best.AlsoDemonym, homonym || (best.End == len && best.Homonym));
                        bestRank = rank;
                    }
                    else if (homonym) best = best with { Homonym = true };
                    if (len == best.End && p.Kind == MatchKind.Demonym && p.Target == best.Payload.Target && !best.AlsoDemonym)
                        best = best with { AlsoDemonym = true };
                }
                j++;
                if (!SameSentence(i, j)) break;
                node = trie.Next(node, Tokens[j].FullId);
            }
        }
        return best;
    }
}
