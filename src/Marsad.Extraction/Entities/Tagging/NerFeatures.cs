using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// The tagger's features for the tokens of one sentence, as hashed ids in [0, 2^bits). Everything comes
/// from the text stage's tokens (Norm, Stem, proclitics, enclitic) and the entity stage's token facts
/// (list matches with their B/I position and type, word classes such as titles, given names and
/// organisation head words), plus word clusters of the stem. Each token's string hashes are computed
/// once, then the ±2 window combines them with integer mixing only: no string is built.
/// </summary>
internal static class NerFeatures
{
    /// <summary>Bumped whenever a template changes: a model trained on other features is refused.</summary>
    public const int Version = 7;

    /// <summary>Most features one token can have (the buffers' stride).</summary>
    public const int MaxPerToken = 128;

    /// <summary>Per-token hashes, computed once per sentence.</summary>
    internal struct TokenHashes
    {
        public ulong Norm, Stem, Pre2, Pre3, Suf2, Suf3, Shape, Clitics, Lex, Class, Full, Rule;
        public ulong C0, C1, C2, C3, C4;
        public bool HasCluster;
        // the path prefixes of a second cluster file (embedding clusters), when the model reads one
        public ulong E0, E1, E2, E3, E4;
        public bool HasEmbedding;
        // the other occurrences of the stem in the document (DocumentContext)
        public ulong Others, PrevOcc, NextOcc;
        public int OtherCount;
        // a first-pass tagging of the document (StackContext); Own is 0 in a first pass
        public ulong Own, OtherTags, StackSpan;
        // inside a short quotation («...», "...", ''...''): the stem before the opening quote (0 outside) and the
        // word's place in it (1 first, 2 later)
        public ulong Quote;
        public byte QuotePlace;
    }

    private const ulong Boundary = 0x5bd1e9955bd1e995;

    /// <summary>Fills <paramref name="hashes"/> for tokens [start, end) of the document.</summary>
    public static void Hash(TokenFacts facts, WordClusters? clusters, DocumentContext? doc, StackContext? stack, int start, int end, Span<TokenHashes> hashes, Span<byte> lexBuf)
    {
        var tokens = facts.Document.Tokens;
        var text = facts.Document.Text;
        int n = end - start;
        Span<ulong> c = stackalloc ulong[WordClusters.PrefixLengths.Length * WordClusters.MaxFiles];
        // list matches: B/I position and the target's type/subtype, the longest match first
        lexBuf[..n].Clear();
        for (int i = start; i < end; i++)
        {
            var m = facts.LexAt[i];
            if (m.End <= i || lexBuf[i - start] != 0) continue;
            var target = facts.Lexicon.Targets[m.Payload.Target];
            ulong code = SpanHash.Of(target.Type) ^ (SpanHash.Of(target.Subtype) * 31) ^ (m.Payload.Kind == MatchKind.Demonym ? 0x77UL : 0);
            int stop = Math.Min(m.End, end);
            for (int k = i; k < stop; k++)
            {
                if (lexBuf[k - start] != 0) break;
                lexBuf[k - start] = (byte)(k == i ? 1 : 2);
                hashes[k - start].Lex = code * 3 + (ulong)(k == i ? 1 : 2);
            }
        }
        // the cluster table's misses for the whole sentence at once (the document context hashed the stems already)
        if (clusters is not null && doc is not null)
            for (int i = start; i < end; i++) clusters.Prefetch(doc.StemHash(i));
        for (int i = start; i < end; i++)
        {
            ref var h = ref hashes[i - start];
            var w = tokens[i];
            ref var f = ref facts.Tokens[i];
            if (lexBuf[i - start] == 0)
            {
                int nisba = facts.PlaceNisba(i);
                h.Lex = nisba >= 0 ? SpanHash.Of(facts.Lexicon.Targets[nisba].Subtype) * 7 + 0x4e495342UL : f.MiscMask != 0 ? 0x4d495343UL : 0;
            }
            var stem = w.Stem.AsSpan();
            // One FNV-1a pass gives the stem's hash and its prefixes' (the state after 2 and 3 letters); a word
            // without clitics is its stem.
            ulong state = SpanHash.Seed;
            for (int k = 0; k < stem.Length; k++)
            {
                state = SpanHash.Step(state, stem[k]);
                if (k == 1 && stem.Length > 2) h.Pre2 = SpanHash.Finish(state);
                else if (k == 2 && stem.Length > 3) h.Pre3 = SpanHash.Finish(state);
            }
            h.Stem = SpanHash.Finish(state);
            if (stem.Length <= 2) h.Pre2 = h.Stem;
            if (stem.Length <= 3) h.Pre3 = h.Stem;
            h.Norm = ReferenceEquals(w.Norm, w.Stem) ? h.Stem : SpanHash.Of(w.Norm);
            h.Suf2 = stem.Length > 2 ? SpanHash.Of(stem[^2..]) : h.Stem;
            h.Suf3 = stem.Length > 3 ? SpanHash.Of(stem[^3..]) : h.Stem;
            h.Shape = Shape(w, text) ^ (w.StemInLexicon ? 0x8000UL : 0);
            ulong enc = w.EncliticLength > 0 && w.Norm.Length > w.EncliticLength ? SpanHash.Of(w.Norm.AsSpan(w.Norm.Length - w.EncliticLength)) : 0;
            h.Clitics = ((ulong)w.Proclitics << 8) ^ enc;
            // the club-role class only drives the club rule after tagging (measured: as a feature it adds noise)
            h.Class = (ulong)(f.Bare & ~WordClass.ClubRole);
            h.Full = (ulong)(f.Full & ~WordClass.ClubRole);
            h.Rule = facts.RuleTags is { } rules ? rules[i] : 0UL;
            c.Clear();
            if (clusters is not null) clusters.PrefixesOf(stem, h.Stem, c[..(WordClusters.PrefixLengths.Length * clusters.Files)]);
            h.HasCluster = c[0] != 0;
            h.C0 = c[0]; h.C1 = c[1]; h.C2 = c[2]; h.C3 = c[3]; h.C4 = c[4];
            h.HasEmbedding = c[5] != 0;
            h.E0 = c[5]; h.E1 = c[6]; h.E2 = c[7]; h.E3 = c[8]; h.E4 = c[9];
            if (doc is not null)
            {
                h.Others = doc.Others[i];
                h.OtherCount = doc.Count[i];
                h.PrevOcc = doc.PrevOccurrencePrev[i];
                h.NextOcc = doc.NextOccurrencePrev[i];
            }
            else { h.Others = h.PrevOcc = h.NextOcc = 0; h.OtherCount = 0; }
            SetStack(ref h, stack, i);
        }
        Quotes(tokens, text, start, end, hashes);
    }

    /// <summary>Longest quotation read as one name or title («برنامج « حوار من القلب »», «صحيفة ' ' معاريف ' '»).</summary>
    private const int MaxQuoted = 8;

    /// <summary>
    /// Marks the words inside each short quotation of the sentence with the stem before its opening quote, so
    /// the model can learn which words introduce titles, newspapers or programmes. Straight quotes open and close
    /// in turn; a doubled quote (ANERcorp's <c>' '</c>) counts once.
    /// </summary>
    private static void Quotes(IReadOnlyList<WordToken> tokens, string text, int start, int end, Span<TokenHashes> hashes)
    {
        for (int i = start; i < end; i++) { hashes[i - start].Quote = 0; hashes[i - start].QuotePlace = 0; }
        for (int i = start; i < end; i++)
        {
            if (!Quotation(tokens, text, i, end, out char close, out int first, out int last)) continue;
            ulong before = i > start && tokens[i - 1].Kind != TokenKind.Punctuation ? hashes[i - 1 - start].Stem : Boundary;
            for (int k = first; k < last; k++)
            {
                hashes[k - start].QuotePlace = (byte)(k == first ? 1 : 2);
                hashes[k - start].Quote = before * 31 + hashes[k - start].QuotePlace;
            }
            i = last;
            while (i + 1 < end && QuoteChar(tokens[i + 1], text) == close) i++;
        }
    }

    /// <summary>
    /// The short quotation that token <paramref name="i"/> opens, inside [<paramref name="i"/>, <paramref name="end"/>):
    /// its words [<paramref name="first"/>, <paramref name="last"/>), <paramref name="last"/> being the closing quote;
    /// false when the token opens none or it does not close within <see cref="MaxQuoted"/> words.
    /// </summary>
    internal static bool Quotation(IReadOnlyList<WordToken> tokens, string text, int i, int end, out char close, out int first, out int last)
    {
        char open = QuoteChar(tokens[i], text);
        close = open switch { '«' => '»', '“' => '”', _ => open };
        first = last = i + 1;
        if (open is '\0' or '»' or '”') return false;
        while (first < end && QuoteChar(tokens[first], text) == open) first++;
        last = first;
        while (last < end && last - first <= MaxQuoted && QuoteChar(tokens[last], text) != close) last++;
        return last < end && last != first && last - first <= MaxQuoted;
    }

    private static char QuoteChar(WordToken w, string text)
    {
        if (w.Kind != TokenKind.Punctuation) return '\0';
        char c = text[w.Start];
        return c is '«' or '»' or '"' or '\'' or '“' or '”' ? c : '\0';
    }

    /// <summary>Token <paramref name="i"/>'s first-pass tags from <paramref name="stack"/> (all 0 in a first pass).</summary>
    public static void SetStack(ref TokenHashes h, StackContext? stack, int i)
    {
        if (stack is null)
        {
            h.Own = h.OtherTags = h.StackSpan = 0;
            return;
        }
        h.Own = stack.Own[i];
        h.OtherTags = stack.OtherTags[i];
        h.StackSpan = stack.Span[i];
    }

    /// <summary>
    /// Writes the feature ids of every token of the sentence: token k's ids at
    /// <c>ids[k * MaxPerToken ..]</c>, their number in <c>counts[k]</c>.
    /// </summary>
    public static void Extract(ReadOnlySpan<TokenHashes> h, int mask, Span<int> ids, Span<int> counts)
    {
        int n = h.Length;
        Span<ulong> v = stackalloc ulong[FixedPadded];
        v.Clear();
        for (int k = 0; k < n; k++)
        {
            var o = ids.Slice(k * MaxPerToken, MaxPerToken);
            int c = 0;
            ref readonly var t = ref h[k];
            ulong pStem = k > 0 ? h[k - 1].Stem : Boundary, nStem = k + 1 < n ? h[k + 1].Stem : Boundary;
            ulong ppStem = k > 1 ? h[k - 2].Stem : Boundary, nnStem = k + 2 < n ? h[k + 2].Stem : Boundary;
            ulong pShape = k > 0 ? h[k - 1].Shape : Boundary, nShape = k + 1 < n ? h[k + 1].Shape : Boundary;
            ulong pLex = k > 0 ? h[k - 1].Lex : Boundary, nLex = k + 1 < n ? h[k + 1].Lex : Boundary;
            ulong ppLex = k > 1 ? h[k - 2].Lex : Boundary, nnLex = k + 2 < n ? h[k + 2].Lex : Boundary;
            ulong pClass = k > 0 ? h[k - 1].Class : Boundary, nClass = k + 1 < n ? h[k + 1].Class : Boundary;
            ulong ppClass = k > 1 ? h[k - 2].Class : Boundary;
            // the templates every token has, in their order: their values here, mixed into ids below
            ulong pRule = k > 0 ? h[k - 1].Rule : Boundary, nRule = k + 1 < n ? h[k + 1].Rule : Boundary;
            v[0] = 0; // 1
            v[1] = t.Norm; // 2
            v[2] = t.Stem; // 3
            v[3] = pStem; // 4
            v[4] = nStem; // 5
            v[5] = ppStem; // 6
            v[6] = nnStem; // 7
            v[7] = t.Pre2; // 8
            v[8] = t.Pre3; // 9
            v[9] = t.Suf2; // 10
            v[10] = t.Suf3; // 11
            v[11] = t.Shape; // 12
            v[12] = pShape * 31 + t.Shape; // 13
            v[13] = nShape; // 14
            v[14] = t.Clitics; // 15
            v[15] = t.Lex; // 16
            v[16] = pLex; // 17
            v[17] = nLex; // 18
            v[18] = ppLex; // 19
            v[19] = nnLex; // 20
            v[20] = pLex * 31 + t.Lex; // 21
            v[21] = t.Full; // 22
            v[22] = pClass; // 23
            v[23] = ppClass; // 24
            v[24] = nClass; // 25
            v[25] = pStem * 31 + t.Stem; // 26
            v[26] = t.Stem * 31 + nStem; // 27
            v[27] = k > 0 ? h[k - 1].Suf3 : Boundary; // 28
            v[28] = k + 1 < n ? h[k + 1].Pre3 : Boundary; // 29
            v[29] = pClass * 31 + t.Shape; // 30
            v[30] = k > 0 ? h[k - 1].Clitics : Boundary; // 31
            v[31] = t.Rule; // 51
            v[32] = pRule; // 52
            v[33] = nRule; // 53
            v[34] = pRule * 131 + t.Rule; // 54
            v[35] = t.Rule * 131 + t.Lex; // 55
            v[36] = (pShape * 31 + t.Shape) * 31 + nShape; // 56
            v[37] = pStem * 131 + t.Shape; // 57
            c = FixedIds(v, mask, o);
            // each word class of the token on its own (a word may be a title and a given name)
            for (ulong bits = t.Class; bits != 0; bits &= bits - 1)
                if (c < MaxPerToken - 16) o[c++] = Id(32, bits & (~bits + 1), mask);
            if (t.HasCluster)
            {
                o[c++] = Id(40, t.C0, mask);
                o[c++] = Id(41, t.C1, mask);
                o[c++] = Id(42, t.C2, mask);
                o[c++] = Id(43, t.C3, mask);
                o[c++] = Id(44, t.C4, mask);
                o[c++] = Id(45, pLex * 31 + t.C2, mask);
            }
            else o[c++] = Id(46, 0, mask);
            if (k > 0 && h[k - 1].HasCluster) { o[c++] = Id(47, h[k - 1].C1, mask); o[c++] = Id(48, h[k - 1].C3, mask); }
            if (k + 1 < n && h[k + 1].HasCluster) { o[c++] = Id(49, h[k + 1].C1, mask); o[c++] = Id(50, h[k + 1].C3, mask); }
            if (t.HasEmbedding)
            {
                o[c++] = Id(90, t.E0, mask);
                o[c++] = Id(91, t.E1, mask);
                o[c++] = Id(92, t.E2, mask);
                o[c++] = Id(93, t.E3, mask);
                o[c++] = Id(94, t.E4, mask);
                o[c++] = Id(95, pLex * 31 + t.E2, mask);
            }
            if (k > 0 && h[k - 1].HasEmbedding) { o[c++] = Id(96, h[k - 1].E1, mask); o[c++] = Id(97, h[k - 1].E3, mask); }
            if (k + 1 < n && h[k + 1].HasEmbedding) { o[c++] = Id(98, h[k + 1].E1, mask); o[c++] = Id(99, h[k + 1].E3, mask); }
            if (t.Quote != 0)
            {
                o[c++] = Id(80, t.Quote, mask);
                o[c++] = Id(81, t.QuotePlace, mask);
            }
            if (t.Own != 0)
            {
                // the second pass: what the first pass said here, around here and at the stem's other occurrences
                ulong pOwn = k > 0 ? h[k - 1].Own : Boundary, nOwn = k + 1 < n ? h[k + 1].Own : Boundary;
                o[c++] = Id(70, t.Own, mask);
                o[c++] = Id(71, pOwn, mask);
                o[c++] = Id(72, nOwn, mask);
                o[c++] = Id(73, (pOwn * 31 + t.Own) * 31 + nOwn, mask);
                if (t.StackSpan != 0)
                {
                    o[c++] = Id(74, t.StackSpan, mask);
                    o[c++] = Id(75, t.StackSpan * 31 + t.Own, mask);
                }
                if (t.OtherTags != 0)
                {
                    o[c++] = Id(76, t.OtherTags, mask);
                    for (ulong bits = t.OtherTags; bits != 0 && c < MaxPerToken; bits &= bits - 1)
                        o[c++] = Id(77, bits & (~bits + 1), mask);
                }
            }
            if (t.OtherCount > 0)
            {
                ulong band = t.OtherCount switch { 1 => 1, <= 3 => 2, _ => 3 };
                o[c++] = Id(60, band, mask);
                if (t.PrevOcc != 0) o[c++] = Id(61, t.PrevOcc, mask);
                if (t.NextOcc != 0) o[c++] = Id(62, t.NextOcc, mask);
                // each context bit of the other occurrences on its own
                for (ulong bits = t.Others; bits != 0 && c < MaxPerToken; bits &= bits - 1)
                    o[c++] = Id(63, bits & (~bits + 1), mask);
            }
            counts[k] = c;
        }
    }

    /// <summary>The templates of <see cref="FixedIds"/>, in the order their values are given.</summary>
    private static ReadOnlySpan<byte> FixedTemplates => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 51, 52, 53, 54, 55, 56, 57];

    private const int FixedCount = 38, FixedPadded = 48;

    /// <summary>Each fixed template's term of <see cref="Id"/> (template × the golden ratio), padded to whole vectors.</summary>
    private static readonly ulong[] FixedKeys = MakeFixedKeys();

    private static ulong[] MakeFixedKeys()
    {
        var keys = new ulong[FixedPadded];
        for (int j = 0; j < FixedCount; j++) keys[j] = FixedTemplates[j] * 0x9E3779B97F4A7C15UL;
        return keys;
    }

    /// <summary>
    /// Writes the ids of the <see cref="FixedCount"/> fixed templates (values <paramref name="v"/>) to the start of
    /// <paramref name="o"/> and returns their number: <see cref="Id"/> for sixteen at a time where 512-bit vectors
    /// run (the same 64-bit arithmetic lane by lane); the lanes past the fixed ones are overwritten by the caller.
    /// </summary>
    private static int FixedIds(ReadOnlySpan<ulong> v, int mask, Span<int> o)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref ulong keys = ref MemoryMarshal.GetArrayDataReference(FixedKeys);
            ref ulong values = ref MemoryMarshal.GetReference(v);
            var m = Vector512.Create(mask);
            for (int j = 0; j < FixedPadded; j += 2 * Vector512<ulong>.Count)
            {
                var a = Mix(Vector512.LoadUnsafe(ref values, (nuint)j) ^ Vector512.LoadUnsafe(ref keys, (nuint)j));
                var b = Mix(Vector512.LoadUnsafe(ref values, (nuint)(j + 8)) ^ Vector512.LoadUnsafe(ref keys, (nuint)(j + 8)));
                (Vector512.Narrow(a, b).AsInt32() & m).CopyTo(o[j..]);
            }
        }
        else
            for (int j = 0; j < FixedCount; j++) o[j] = Id(FixedTemplates[j], v[j], mask);
        return FixedCount;

        static Vector512<ulong> Mix(Vector512<ulong> x)
        {
            x ^= Vector512.ShiftRightLogical(x, 31);
            x *= 0xbf58476d1ce4e5b9UL;
            return x ^ Vector512.ShiftRightLogical(x, 29);
        }
    }

    private static int Id(ulong template, ulong value, int mask)
    {
        ulong x = value ^ (template * 0x9E3779B97F4A7C15UL);
        x ^= x >> 31;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 29;
        return (int)x & mask;
    }

    /// <summary>Word kind, length band, digits and Latin letters, an opening quote/parenthesis before it.</summary>
    private static ulong Shape(WordToken w, string text)
    {
        int len = w.Stem.Length;
        ulong band = len switch { <= 1 => 1, 2 => 2, 3 => 3, <= 5 => 4, <= 7 => 5, _ => 6 };
        ulong kind = (ulong)w.Kind + 1;
        ulong extra = 0;
        if (w.Kind == TokenKind.Punctuation) extra = text[w.Start];
        else if (w.Kind is TokenKind.LatinWord or TokenKind.MixedWord && char.IsUpper(text[w.Start])) extra = 0x100;
        return (kind << 32) | (band << 16) | extra;
    }
}
