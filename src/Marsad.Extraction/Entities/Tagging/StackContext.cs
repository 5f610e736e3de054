namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// The second pass's view of a first-pass tagging of the whole document (stacking, for label consistency
/// across a document): per token, its own first-pass tag and its neighbours', the first-pass tags of the
/// other occurrences of its stem, and the longest first-pass span elsewhere in the document that holds its
/// stem, with the token's place in it and whether the words around the token repeat that span. A name
/// tagged once from a telling context («أعلن حزب ...») then lends its type to the occurrences that have
/// none. The second model is trained on first-pass tags of models that did not see the sentence
/// (jackknifed), so it learns how far to trust them. Computed once per document into buffers that only
/// grow (no allocation per token).
/// </summary>
internal sealed class StackContext
{
    /// <summary>Per token: its first-pass tag + 1 (so 0 means "no stacking").</summary>
    public ulong[] Own = new ulong[64];

    /// <summary>Per token: one bit per first-pass tag seen at the other occurrences of its stem (0 when none).</summary>
    public ulong[] OtherTags = new ulong[64];

    /// <summary>Per token: the longest first-pass span elsewhere holding its stem, as a code (0 when none); see <see cref="SpanCode"/>.</summary>
    public ulong[] Span = new ulong[64];

    private readonly StemGroups _groups = new();
    private ulong[] _stem = new ulong[64];
    private int[] _spanStart = new int[64];
    private int[] _spanEnd = new int[64];

    /// <summary>Fills the buffers from the first-pass tags <paramref name="first"/> (one per token of <paramref name="facts"/>).</summary>
    public void Compute(TokenFacts facts, ReadOnlySpan<int> first, TagSet tags)
    {
        var t = facts.Tokens;
        var tokens = facts.Document.Tokens;
        int n = t.Length;
        if (first.Length < n) throw new ArgumentException("fewer first-pass tags than tokens", nameof(first));
        Ensure(n);
        Array.Clear(OtherTags, 0, n);
        Array.Clear(Span, 0, n);
        for (int i = 0; i < n; i++)
        {
            Own[i] = (ulong)first[i] + 1;
            _stem[i] = t[i].Word ? Marsad.Text.SpanHash.Of(tokens[i].Stem) : 0;
        }
        // the first-pass span each token lies in: [start, end), or start = -1 outside any
        for (int i = 0; i < n;)
        {
            if (first[i] == 0) { _spanStart[i] = -1; i++; continue; }
            int j = i + 1;
            while (j < n && tags.IsInside(first[j]) && facts.SameSentence(i, j)) j++;
            for (int k = i; k < j; k++) { _spanStart[k] = i; _spanEnd[k] = j; }
            i = j;
        }
        _groups.Compute(facts, _stem);
        for (int g = 0; g < _groups.Count; g++)
        {
            var members = _groups.Members(g);
            foreach (int i in members)
            {
                ulong bits = 0;
                int bestLen = 0;
                ulong bestCode = 0;
                foreach (int j in members)
                {
                    if (j == i) continue;
                    bits |= 1UL << Math.Min(first[j], 63);
                    if (_spanStart[j] < 0) continue;
                    int s0 = _spanStart[j], s1 = _spanEnd[j], len = s1 - s0;
                    // a longer span wins; on a tie the one whose words repeat around the token
                    bool repeats = Repeats(facts, i, j, s0, s1);
                    if (len > bestLen || (len == bestLen && repeats && (bestCode & 1) == 0))
                    {
                        bestLen = len;
                        bestCode = SpanCode(tags.TypeOf(first[s0]), j - s0, s1 - 1 - j, repeats);
                    }
                }
                OtherTags[i] = bits;
                Span[i] = bestCode;
            }
        }
    }

    /// <summary>Whether the stems around token <paramref name="i"/> are those of span [s0, s1) around its token <paramref name="j"/>, within one sentence.</summary>
    private bool Repeats(TokenFacts facts, int i, int j, int s0, int s1)
    {
        int from = i - (j - s0), to = i + (s1 - j);
        if (from < 0 || to > facts.Tokens.Length || !facts.SameSentence(from, to - 1)) return false;
        for (int k = s0; k < s1; k++)
            if (_stem[from + k - s0] != _stem[k]) return false;
        return true;
    }

    /// <summary>
    /// The span's type, the token's place in it (alone, first, inside, last) and the length band, with bit 0
    /// set when the words around the token repeat the whole span.
    /// </summary>
    private static ulong SpanCode(string type, int before, int after, bool repeats)
    {
        ulong place = (before, after) switch { (0, 0) => 1, (0, _) => 2, (_, 0) => 3, _ => 4 };
        ulong len = (ulong)Math.Min(before + after + 1, 4);
        return (Marsad.Text.SpanHash.Of(type) << 8) ^ (place << 4) ^ (len << 1) ^ (repeats ? 1UL : 0);
    }

    private void Ensure(int n)
    {
        if (Own.Length >= n) return;
        int size = Math.Max(n, Own.Length * 2);
        Own = new ulong[size];
        OtherTags = new ulong[size];
        Span = new ulong[size];
        _stem = new ulong[size];
        _spanStart = new int[size];
        _spanEnd = new int[size];
    }
}
