using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// Token-level view of the layers earlier stages wrote: for every token, the entity, time and
/// quantity that cover it (-1 when none), and for every sentence its token range. Built once per
/// document and shared by the event and relation stages.
/// </summary>
internal sealed partial class AnnotationIndex
{
    public AnalyzedDocument Doc { get; }
    public List<WordToken> Tokens { get; }
    /// <summary>Index into <see cref="AnalyzedDocument.Entities"/> of the entity covering each token, or -1.</summary>
    public int[] EntityOf { get; }
    /// <summary>For each token covered by an entity mention, the last token of that mention.</summary>
    public int[] MentionEnd { get; }
    public int[] TimeOf { get; }
    public int[] TimeEnd { get; }
    public int[] QuantityOf { get; }
    /// <summary>Per token, the closed-class word sets it belongs to (<see cref="EventWords.FlagsOf"/>).</summary>
    public ulong[] Flags { get; }
    /// <summary>Per sentence, [first token, end token).</summary>
    public (int Start, int End)[] SentenceTokens { get; }

    /// <summary>
    /// Per token, the «(» of the parenthesis it stands in, or -1: an aside such as «( كان تحت السيطرة
    /// العثمانية بين 1555 و 1865 )» dates and places nothing outside it.
    /// </summary>
    public int[] Paren { get; }

    /// <summary>Tokens <paramref name="a"/> and <paramref name="b"/> stand in the same parenthesis or both outside any.</summary>
    public bool SameParen(int a, int b) => Paren[a] == Paren[b];

    /// <summary>Tokens where a trigger of the lexicon given to the constructor may start (in order).</summary>
    public List<int> TriggerCandidates { get; } = [];

    /// <param name="triggers">When given, <see cref="TriggerCandidates"/> is filled in the same pass.</param>
    public AnnotationIndex(AnalyzedDocument doc, TriggerLexicon? triggers = null)
    {
        Doc = doc;
        Tokens = doc.Tokens;
        int n = Tokens.Count;
        EntityOf = Filled(n);
        MentionEnd = Filled(n);
        TimeOf = Filled(n);
        TimeEnd = Filled(n);
        QuantityOf = Filled(n);
        Flags = new ulong[n];
        // Longer mentions first, so an organisation name wins over a place nested in it
        // (مجموعة التركيز المعنية بإفريقيا holds إفريقيا).
        int mentionCount = 0;
        foreach (var ent in doc.Entities) mentionCount += ent.Mentions.Count;
        var mentions = new List<(int Start, int End, int Entity)>(mentionCount);
        for (int e = 0; e < doc.Entities.Count; e++)
            foreach (var m in doc.Entities[e].Mentions)
                mentions.Add((m.Start, m.End, e));
        mentions.Sort((a, b) => (b.End - b.Start).CompareTo(a.End - a.Start));
        foreach (var (start, end, e) in mentions)
            Mark(start, end, e, EntityOf, MentionEnd);
        for (int t = 0; t < doc.Times.Count; t++)
            Mark(doc.Times[t].Start, doc.Times[t].End, t, TimeOf, TimeEnd);
        var scratch = Filled(n);
        for (int q = 0; q < doc.Quantities.Count; q++)
            Mark(doc.Quantities[q].Start, doc.Quantities[q].End, q, QuantityOf, scratch);

        SentenceTokens = new (int, int)[doc.Sentences.Count];
        for (int s = 0; s < SentenceTokens.Length; s++) SentenceTokens[s] = (-1, -1);
        var heads = ShortReferenceHeads();
        List<(int Token, int Head)>? headHits = null;
        List<int>? titleHeads = null, latter = null;
        // One pass over the tokens does everything that looks at every token (they are objects on
        // the heap: each pass costs cache misses): sentence ranges, closed-class flags, heads of
        // short references and the tokens where a trigger may start.
        Paren = new int[n];
        int paren = -1;
        for (int i = 0; i < n; i++)
        {
            var tok = Tokens[i];
            int s = tok.Sentence;
            if (tok.Kind == TokenKind.Punctuation)
            {
                char c = doc.Text[tok.Start];
                if (c == '(') paren = i;
                else if (c == ')') paren = -1;
            }
            if (s >= 0 && paren >= 0 && Tokens[paren].Sentence != s) paren = -1; // an unclosed ( ends with its sentence
            Paren[i] = paren;
            if (s >= 0)
            {
                if (SentenceTokens[s].Start < 0) SentenceTokens[s] = (i, i + 1);
                else SentenceTokens[s].End = i + 1;
            }
            if (!tok.IsArabic) continue;
            Flags[i] = EventWords.FlagsOf(tok);
            if (triggers is not null && triggers.MayStart(tok)) TriggerCandidates.Add(i);
            if ((Flags[i] & EventWords.RoleHeads.Bit) != 0 && EntityOf[i] < 0) (titleHeads ??= []).Add(i);
            if ((Flags[i] & EventWords.Latter.Bit) != 0 && EntityOf[i] < 0) (latter ??= []).Add(i);
            if (heads is not null && EntityOf[i] < 0)
            {
                var stem = EventWords.WithoutArticle(tok.Stem) is { Length: > 0 } b ? b : tok.Stem.AsSpan();
                for (int h = 0; h < heads.Length; h++)
                {
                    var w0 = heads[h].Words[0];
                    if (w0.Length == stem.Length && w0[^1] == stem[^1] && stem.SequenceEqual(w0))
                    {
                        (headHits ??= []).Add((i, h));
                        break;
                    }
                }
            }
        }
        if (headHits is not null) MarkShortReferences(heads!, headHits);
        if (titleHeads is not null) MarkTitleReferences(titleHeads);
        if (latter is not null) MarkLatter(latter);
    }

    /// <summary>
    /// A definite head noun after an organisation was named refers back to it: «التحالف» (or
    /// «للتحالف الدولي») after «التحالف الدولي ضد داعش», «الوزارة» after «وزارة الخارجية». Only for
    /// organisations whose head word no other organisation of the document shares, only after the
    /// first mention, and not when a further adjective makes it another name («التحالف العربي»).
    /// These references feed event and relation arguments; the entity layer is left as it is.
    /// </summary>
    private (int Entity, string[] Words, int First)[]? ShortReferenceHeads()
    {
        Dictionary<string, (int Entity, string[] Words, int First)>? heads = null;
        HashSet<string>? ambiguous = null;
        for (int e = 0; e < Doc.Entities.Count; e++)
        {
            var ent = Doc.Entities[e];
            if (ent.Type != EntityTypes.Organisation || ent.Mentions.Count == 0) continue;
            int first = int.MaxValue;
            foreach (var m in ent.Mentions) first = Math.Min(first, m.Start);
            // The words of the first mention, from its tokens (already normalised and segmented).
            int ti = FirstTokenEndingAfter(first);
            if (ti >= Tokens.Count || EntityOf[ti] != e || MentionEnd[ti] <= ti) continue;
            var words = new string[MentionEnd[ti] - ti + 1];
            for (int k = 0; k < words.Length; k++)
            {
                var st = Tokens[ti + k].Stem;
                words[k] = EventWords.WithoutArticle(st) is { Length: > 0 } b ? b.ToString() : st;
            }
            if (words[0].Length < 3) continue;
            heads ??= new Dictionary<string, (int Entity, string[] Words, int First)>(StringComparer.Ordinal);
            if (heads.TryGetValue(words[0], out var other) && other.Entity != e) (ambiguous ??= new HashSet<string>(StringComparer.Ordinal)).Add(words[0]);
            else heads[words[0]] = (e, words, first);
        }
        if (heads is null) return null;
        if (ambiguous is not null) foreach (var a in ambiguous) heads.Remove(a);
        return heads.Count == 0 ? null : heads.Values.ToArray();
    }

    private void MarkShortReferences((int Entity, string[] Words, int First)[] heads, List<(int Token, int Head)> hits)
    {
        int done = -1;
        foreach (var (i, h) in hits)
        {
            if (i <= done || EntityOf[i] >= 0 || !IsDefinite(i)) continue;
            var head = heads[h];
            if (Tokens[i].Start <= head.First) continue;
            int k = i + 1, w = 1;
            while (k < Tokens.Count && w < head.Words.Length && EntityOf[k] < 0 && Tokens[k].IsArabic
                   && (EventWords.WithoutArticle(Tokens[k].Stem) is { Length: > 0 } ks ? ks : Tokens[k].Stem.AsSpan()).SequenceEqual(head.Words[w]))
            {
                k++;
                w++;
            }
            if (k < Tokens.Count && Tokens[k].IsArabic && IsDefinite(k) && EntityOf[k] < 0 && Flags[k] == 0) continue;
            for (int j = i; j < k; j++)
            {
                EntityOf[j] = head.Entity;
                MentionEnd[j] = k - 1;
            }
            done = k - 1;
        }
    }

    private static int[] Filled(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }

    /// <summary>Marks the tokens overlapping [start, end) with <paramref name="value"/> (first writer wins).</summary>
    private void Mark(int start, int end, int value, int[] of, int[] last)
    {
        int first = FirstTokenEndingAfter(start);
        int lastTok = -1;
        for (int i = first; i < Tokens.Count && Tokens[i].Start < end; i++)
            lastTok = i;
        if (lastTok < 0) return;
        for (int i = first; i <= lastTok; i++)
        {
            if (of[i] >= 0) continue;
            of[i] = value;
            last[i] = lastTok;
        }
    }

    internal int FirstTokenEndingAfter(int offset)
    {
        int lo = 0, hi = Tokens.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Tokens[mid].End <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public EntityAnnotation? EntityAt(int token) => token >= 0 && token < EntityOf.Length && EntityOf[token] >= 0 ? Doc.Entities[EntityOf[token]] : null;

    public bool IsMentionStart(int i) =>
        EntityOf[i] >= 0 && (i == 0 || EntityOf[i - 1] != EntityOf[i] || MentionEnd[i - 1] != MentionEnd[i]);

    /// <summary>
    /// The preposition clitic (ب ل ك) on the word where the entity mention at token <paramref name="j"/>
    /// starts, or '\0'. The clitic segmenter only splits ب/ل before ال, so «بوزارة» and «لرابطة» are
    /// recognised here: by the mention starting after the clitic, or by the word starting with a
    /// letter the entity's name does not start with.
    /// </summary>
    public char EntityClitic(int j)
    {
        var t = Tokens[j];
        if ((t.Proclitics & Proclitics.Ba) != 0) return ArabicLetters.Beh;
        if ((t.Proclitics & Proclitics.Lam) != 0) return ArabicLetters.Lam;
        if ((t.Proclitics & Proclitics.Kaf) != 0) return ArabicLetters.Kaf;
        if (EntityOf[j] < 0 || !t.IsArabic) return '\0';
        var entity = Doc.Entities[EntityOf[j]];
        int mentionStart = t.Start;
        foreach (var m in entity.Mentions)
            if (m.Start >= t.Start && m.Start < t.End) { mentionStart = m.Start; break; }
        var word = Doc.Text.AsSpan(t.Start, t.End - t.Start);
        var name = NormName(EntityOf[j]);
        var normWord = t.Norm;
        // The name itself starts like the word (ولاية بورنو, بغداد, لبنان): no clitic.
        if (mentionStart == t.Start && name.Length >= 2 && normWord.StartsWith(name[..2], StringComparison.Ordinal)) return '\0';
        int skip = 0;
        if (word.Length > 2 && (word[0] == ArabicLetters.Waw || word[0] == ArabicLetters.Feh)
            && (t.Proclitics & (Proclitics.Waw | Proclitics.Fa)) != 0) skip = 1;
        if (mentionStart > t.Start + skip)
        {
            char c = word[skip];
            return c is ArabicLetters.Beh or ArabicLetters.Lam or ArabicLetters.Kaf ? c : '\0';
        }
        if (word.Length - skip < 4) return '\0';
        char first = word[skip];
        if (first is not (ArabicLetters.Beh or ArabicLetters.Lam or ArabicLetters.Kaf)) return '\0';
        return name.Length > 0 && name[0] != first ? first : '\0';
    }

    /// <summary>The mention at token <paramref name="j"/> is joined to the one before by و: «والنيجر», «وقطر».</summary>
    public bool IsCoordinated(int j)
    {
        var t = Tokens[j];
        if ((t.Proclitics & Proclitics.Waw) != 0) return true;
        if (t.Norm.Length < 3 || t.Norm[0] != ArabicLetters.Waw || EntityOf[j] < 0) return false;
        var name = NormName(EntityOf[j]);
        return name.Length == 0 || name[0] != ArabicLetters.Waw;
    }

    private string?[]? _normNames;

    /// <summary>The entity's name at Matching level, normalised once per document.</summary>
    public string NormName(int entity)
    {
        _normNames ??= new string?[Doc.Entities.Count];
        return _normNames[entity] ??= ArabicNormalizer.Normalize(Doc.Entities[entity].Name.Trim(), NormalizationLevel.Matching);
    }

    private int _mainPlace = -2;

    /// <summary>
    /// The document's main place: the place entity with the most mentions (a city or country before a
    /// region; the earlier on ties), or -1 when the document names none.
    /// </summary>
    public int MainPlace()
    {
        if (_mainPlace != -2) return _mainPlace;
        int best = -1, bestCount = 0, bestFirst = int.MaxValue;
        bool bestRegion = true;
        for (int e = 0; e < Doc.Entities.Count; e++)
        {
            var ent = Doc.Entities[e];
            if (ent.Type != EntityTypes.Location || ent.Mentions.Count == 0) continue;
            bool region = ent.Subtype is "region" or "other" || (ent.Country is null && EventMerger.CountryCode(ent) is null);
            int first = int.MaxValue;
            foreach (var mm in ent.Mentions) first = Math.Min(first, mm.Start);
            bool better = best < 0
                || (bestRegion && !region)
                || (bestRegion == region && (ent.Mentions.Count > bestCount || (ent.Mentions.Count == bestCount && first < bestFirst)));
            if (!better) continue;
            best = e;
            bestCount = ent.Mentions.Count;
            bestFirst = first;
            bestRegion = region;
        }
        return _mainPlace = best;
    }

    private int[]? _actorFor;

    /// <summary>
    /// Who an entity stands for as an actor: itself for persons, organisations and countries; for a
    /// capital used for its government (واشنطن، طهران) the document's entity of that country, else
    /// the capital itself; -1 for any other place.
    /// </summary>
    public int ActorFor(int entity)
    {
        if (_actorFor is null)
        {
            _actorFor = new int[Doc.Entities.Count];
            for (int e = 0; e < _actorFor.Length; e++)
            {
                var ent = Doc.Entities[e];
                if (EventSyntax.IsActorCapable(ent)) { _actorFor[e] = e; continue; }
                _actorFor[e] = -1;
                if (Capitals.CountryOf(ent, NormName(e)) is not { } iso) continue;
                _actorFor[e] = e;
                for (int c = 0; c < Doc.Entities.Count; c++)
                    if (EventMerger.CountryCode(Doc.Entities[c]) is { } code && string.Equals(code, iso, StringComparison.OrdinalIgnoreCase))
                    {
                        _actorFor[e] = c;
                        break;
                    }
            }
        }
        return _actorFor[entity];
    }

    /// <summary>The entity can be an actor (<see cref="ActorFor"/>).</summary>
    public bool CanAct(int entity) => ActorFor(entity) >= 0;

    private string?[]? _contexts;
    private bool[]? _contextDone;

    /// <summary>The context of a sentence, computed once per sentence however many events it holds.</summary>
    public string? SentenceContext(int sentence, ContextLexicon lexicon)
    {
        _contexts ??= new string?[SentenceTokens.Length];
        _contextDone ??= new bool[SentenceTokens.Length];
        if (!_contextDone[sentence])
        {
            _contexts[sentence] = lexicon.ContextOf(this, sentence);
            _contextDone[sentence] = true;
        }
        return _contexts[sentence];
    }

    public bool Has(int token, WordSet set) => (Flags[token] & set.Bit) != 0;

    /// <summary>The word carries the article (also when the segmenter left «القمة» whole).</summary>
    public bool IsDefinite(int i) => Tokens[i].HasArticle || (Tokens[i].IsArabic && EventWords.WithoutArticle(Tokens[i].Norm).Length > 0);

    public bool IsPunct(int i) => Tokens[i].Kind == TokenKind.Punctuation;

    public bool StemIs(int i, string s) => Tokens[i].Stem == s;

    public bool NormIs(int i, string s) => Tokens[i].Norm == s;

    /// <summary>The integer a token stands for: a quantity annotation, digits, or a number word.</summary>
    public int? NumberAt(int i)
    {
        if (QuantityOf[i] >= 0)
        {
            double v = Doc.Quantities[QuantityOf[i]].Value;
            return v is >= 0 and <= int.MaxValue ? (int)v : null;
        }
        var t = Tokens[i];
        if (t.Kind == TokenKind.Number) return ArabicCounts.ParseDigits(t.Norm);
        if (t.IsArabic) return ArabicCounts.Cardinal(t.Stem) ?? ArabicCounts.Cardinal(t.Norm);
        return null;
    }
}
