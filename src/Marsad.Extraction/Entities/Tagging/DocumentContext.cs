namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// Document-level evidence for the tagger: what the other occurrences of a word's stem in the same document
/// say. A club, company or person named several times is often introduced once by a telling context
/// («حارس الهلال»، «أعلن البنك التجاري»، «الرئيس ...») and later alone; each occurrence then also sees the
/// word classes around the other occurrences, the rules' type there, and the word before the previous and
/// the next occurrence. Computed once per document into reusable buffers (no allocation once they have
/// grown), from the token facts only, so training and tagging see the same values.
/// </summary>
internal sealed class DocumentContext
{
    /// <summary>Per token: the OR of <see cref="Signature"/> over the other occurrences of its stem (0 when none or not a word).</summary>
    public ulong[] Others = new ulong[64];

    /// <summary>Per token: how many other occurrences its stem has (capped at 255).</summary>
    public byte[] Count = new byte[64];

    /// <summary>Per token: the stem hash of the word before the previous / next occurrence of its stem (0 when none).</summary>
    public ulong[] PrevOccurrencePrev = new ulong[64];
    public ulong[] NextOccurrencePrev = new ulong[64];

    private readonly StemGroups _groups = new();
    private ulong[] _sig = new ulong[64];
    private ulong[] _stemHash = new ulong[64];
    private TokenFacts? _for;

    /// <summary>Fills the buffers for <paramref name="facts"/> unless they hold that document already.</summary>
    public void Compute(TokenFacts facts)
    {
        if (ReferenceEquals(_for, facts)) return;
        _for = facts;
        var t = facts.Tokens;
        var tokens = facts.Document.Tokens;
        int n = t.Length;
        Ensure(n);
        Array.Clear(Others, 0, n);
        Array.Clear(Count, 0, n);
        Array.Clear(PrevOccurrencePrev, 0, n);
        Array.Clear(NextOccurrencePrev, 0, n);
        for (int i = 0; i < n; i++) _stemHash[i] = t[i].Word ? Marsad.Text.SpanHash.Of(tokens[i].Stem) : 0;
        for (int i = 0; i < n; i++) _sig[i] = Signature(facts, i);
        _groups.Compute(facts, _stemHash);
        for (int g = 0; g < _groups.Count; g++)
        {
            var members = _groups.Members(g);
            // OR of all but one = OR of those before it | OR of those after it
            ulong before = 0;
            foreach (int i in members)
            {
                Others[i] = before;
                before |= _sig[i];
            }
            ulong after = 0;
            for (int k = members.Length - 1; k >= 0; k--)
            {
                int i = members[k];
                Others[i] |= after;
                after |= _sig[i];
                Count[i] = (byte)Math.Min(255, members.Length - 1);
                if (k > 0) PrevOccurrencePrev[i] = PrevStem(facts, members[k - 1]);
                if (k + 1 < members.Length) NextOccurrencePrev[i] = PrevStem(facts, members[k + 1]);
            }
        }
    }

    /// <summary>Token <paramref name="i"/>'s stem hash (0 for a token that is not a word), once <see cref="Compute"/> ran.</summary>
    public ulong StemHash(int i) => _stemHash[i];

    /// <summary>Forgets the document held, so the next <see cref="Compute"/> fills the buffers again.</summary>
    public void Reset() => _for = null;

    private ulong PrevStem(TokenFacts facts, int i) => i > 0 && facts.SameSentence(i - 1, i) ? _stemHash[i - 1] : 1;

    /// <summary>
    /// One occurrence's context as bits: the word classes of the word before it (bits 0–16) and after it
    /// (bits 20–36), the rules' type for it (bits 40–43), a list match (bit 44), the article on it (bit 45),
    /// a preposition on it (bit 46).
    /// </summary>
    private static ulong Signature(TokenFacts facts, int i)
    {
        var t = facts.Tokens;
        if (!t[i].Word) return 0;
        ulong s = 0;
        if (i > 0 && facts.SameSentence(i - 1, i)) s |= (ulong)t[i - 1].Full & 0x1FFFF;
        if (facts.SameSentence(i, i + 1)) s |= ((ulong)t[i + 1].Full & 0x1FFFF) << 20;
        if (facts.RuleTags is { } rules && rules[i] != 0) s |= 1UL << (40 + Math.Min(3, (rules[i] - 1) / 8));
        if (facts.LexAt[i].End > i) s |= 1UL << 44;
        if (t[i].Best.Article) s |= 1UL << 45;
        if (t[i].Best.Prep != '\0') s |= 1UL << 46;
        return s;
    }

    private void Ensure(int n)
    {
        if (Others.Length >= n) return;
        int size = Math.Max(n, Others.Length * 2);
        Others = new ulong[size];
        Count = new byte[size];
        PrevOccurrencePrev = new ulong[size];
        NextOccurrencePrev = new ulong[size];
        _sig = new ulong[size];
        _stemHash = new ulong[size];
    }
}
