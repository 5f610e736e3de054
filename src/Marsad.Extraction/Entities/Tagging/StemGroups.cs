namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// The words of a document grouped by stem, for what the tagger reads about "the other occurrences" of a word
/// (<see cref="DocumentContext"/>, <see cref="StackContext"/>): every stem that occurs twice or more, its
/// tokens in document order. Function words and one-letter stems take no part. Buffers only grow.
/// </summary>
internal sealed class StemGroups
{
    // Grouped with a small hash table, not a sort: a stem's first occurrence opens its group, and the later ones
    // are chained behind it in document order.
    private ulong[] _slotKey = new ulong[128];
    private int[] _slotGroup = new int[128]; // group + 1; 0 = empty slot
    private int[] _next = new int[64];       // per token: the next member of its group, -1 at the end
    private int[] _head = new int[64], _tail = new int[64], _size = new int[64]; // per group
    private int[] _index = new int[64];
    private readonly List<(int Start, int End)> _groups = [];

    /// <summary>How many stems occur twice or more.</summary>
    public int Count => _groups.Count;

    /// <summary>The tokens of group <paramref name="g"/>, in document order (groups in the order their stems first occur).</summary>
    public ReadOnlySpan<int> Members(int g) => _index.AsSpan(_groups[g].Start, _groups[g].End - _groups[g].Start);

    /// <summary>Groups the tokens of <paramref name="facts"/> by <paramref name="stemHash"/> (token i's stem hash).</summary>
    public void Compute(TokenFacts facts, ReadOnlySpan<ulong> stemHash)
    {
        var t = facts.Tokens;
        var tokens = facts.Document.Tokens;
        int n = t.Length;
        if (_next.Length < n)
        {
            int size = Math.Max(n, _next.Length * 2);
            _next = new int[size];
            _head = new int[size];
            _tail = new int[size];
            _size = new int[size];
            _index = new int[size];
        }
        int slots = 16;
        while (slots < 2 * n) slots *= 2;
        if (_slotKey.Length < slots)
        {
            _slotKey = new ulong[slots];
            _slotGroup = new int[slots];
        }
        int mask = slots - 1, groups = 0;
        Array.Clear(_slotGroup, 0, slots);
        for (int i = 0; i < n; i++)
        {
            if (!t[i].Word || facts.IsStop(i) || tokens[i].Stem.Length < 2) continue;
            ulong key = stemHash[i];
            int slot = (int)key & mask;
            while (_slotGroup[slot] != 0 && _slotKey[slot] != key) slot = (slot + 1) & mask;
            _next[i] = -1;
            if (_slotGroup[slot] == 0)
            {
                _slotKey[slot] = key;
                _slotGroup[slot] = groups + 1;
                _head[groups] = _tail[groups] = i;
                _size[groups] = 1;
                groups++;
            }
            else
            {
                int g = _slotGroup[slot] - 1;
                _next[_tail[g]] = i;
                _tail[g] = i;
                _size[g]++;
            }
        }
        // the stems that occur twice or more, each group's tokens in document order
        _groups.Clear();
        int pos = 0;
        for (int g = 0; g < groups; g++)
        {
            if (_size[g] < 2) continue;
            int begin = pos;
            for (int i = _head[g]; i >= 0; i = _next[i]) _index[pos++] = i;
            _groups.Add((begin, pos));
        }
    }
}
