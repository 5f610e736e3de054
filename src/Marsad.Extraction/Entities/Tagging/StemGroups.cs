namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// The words of a document grouped by stem, for what the tagger reads about "the other occurrences" of a word
/// (<see cref="DocumentContext"/>, <see cref="StackContext"/>): every stem that occurs twice or more, its
/// tokens in document order. Function words and one-letter stems take no part. Buffers only grow.
/// </summary>
internal sealed class StemGroups
{
    private ulong[] _keys = new ulong[64];
    private int[] _index = new int[64];
    private readonly List<(int Start, int End)> _groups = [];

    /// <summary>How many stems occur twice or more.</summary>
    public int Count => _groups.Count;

    /// <summary>The tokens of group <paramref name="g"/>, in document order.</summary>
    public ReadOnlySpan<int> Members(int g) => _index.AsSpan(_groups[g].Start, _groups[g].End - _groups[g].Start);

    /// <summary>Groups the tokens of <paramref name="facts"/> by <paramref name="stemHash"/> (token i's stem hash).</summary>
    public void Compute(TokenFacts facts, ReadOnlySpan<ulong> stemHash)
    {
        var t = facts.Tokens;
        var tokens = facts.Document.Tokens;
        int n = t.Length;
        if (_keys.Length < n)
        {
            _keys = new ulong[Math.Max(n, _keys.Length * 2)];
            _index = new int[_keys.Length];
        }
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (!t[i].Word || facts.IsStop(i) || tokens[i].Stem.Length < 2) continue;
            _keys[m] = stemHash[i];
            _index[m] = i;
            m++;
        }
        Array.Sort(_keys, _index, 0, m);
        _groups.Clear();
        for (int g = 0; g < m;)
        {
            int e = g + 1;
            while (e < m && _keys[e] == _keys[g]) e++;
            if (e - g > 1)
            {
                Array.Sort(_index, g, e - g); // document order: the same values whatever the sort did with ties
                _groups.Add((g, e));
            }
            g = e;
        }
    }
}
