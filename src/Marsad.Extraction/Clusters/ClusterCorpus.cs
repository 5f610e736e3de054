using Marsad.Analysis;

namespace Marsad.Extraction.Clusters;

/// <summary>
/// What Brown clustering needs from a corpus: the vocabulary in frequency order (ties by ordinal string, so the
/// order is the same on every run) and the bigram counts between vocabulary words, as sparse rows both ways.
/// Bigrams never cross a sentence, and a word cut from the vocabulary breaks the chain instead of joining its
/// neighbours.
/// </summary>
public sealed class ClusterCorpus
{
    internal ClusterCorpus(string[] words, long[] counts, int[] rightStart, int[] right, int[] rightCount, int[] leftStart, int[] left, int[] leftCount,
        long tokens, long types, long documents, int[] sequence)
    {
        Sequence = sequence;
        Words = words; Counts = counts;
        RightStart = rightStart; Right = right; RightCount = rightCount;
        LeftStart = leftStart; Left = left; LeftCount = leftCount;
        Tokens = tokens; Types = types; Documents = documents;
    }

    /// <summary>Vocabulary, most frequent first.</summary>
    public string[] Words { get; }
    public long[] Counts { get; }
    /// <summary>Tokens read (every kept token, in or out of the vocabulary).</summary>
    public long Tokens { get; }
    /// <summary>Distinct keys before the vocabulary cut.</summary>
    public long Types { get; }
    public long Documents { get; }
    public long Bigrams => Right.Length;

    /// <summary>The corpus as vocabulary ids in reading order, -1 at each sentence break and at each word cut from the vocabulary.</summary>
    internal int[] Sequence { get; }

    // CSR rows: word w is followed by Right[RightStart[w]..RightStart[w+1]] (RightCount times each); ids ascending.
    internal int[] RightStart { get; }
    internal int[] Right { get; }
    internal int[] RightCount { get; }
    internal int[] LeftStart { get; }
    internal int[] Left { get; }
    internal int[] LeftCount { get; }
}

/// <summary>Collects the token keys of analysed documents (<see cref="WordClusterKey"/>), then cuts the vocabulary and counts bigrams.</summary>
public sealed class ClusterCorpusBuilder
{
    private const int Break = -1;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<long> _counts = [];
    private int[] _sequence = new int[1 << 16];
    private int _length;

    public long Tokens { get; private set; }
    public long Documents { get; private set; }
    public int Types => _keys.Count;

    /// <summary>Adds the word tokens of a document that went through the text stage.</summary>
    public void Add(AnalyzedDocument document)
    {
        Documents++;
        int sentence = int.MinValue;
        foreach (var token in document.Tokens)
        {
            string? key = WordClusterKey.Of(token);
            if (key is null || token.Sentence != sentence || token.Sentence < 0) Push(Break);
            sentence = token.Sentence;
            if (key is null) continue;
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _keys.Count;
                _ids.Add(key, id);
                _keys.Add(key);
                _counts.Add(0);
            }
            _counts[id]++;
            Tokens++;
            Push(id);
        }
        Push(Break);
    }

    private void Push(int id)
    {
        if (id == Break && (_length == 0 || _sequence[_length - 1] == Break)) return;
        if (_length == _sequence.Length) Array.Resize(ref _sequence, checked(_sequence.Length * 2));
        _sequence[_length++] = id;
    }

    /// <summary>
    /// The vocabulary of keys seen at least <paramref name="minCount"/> times, at most <paramref name="maxWords"/>
    /// of the most frequent, with their bigram counts.
    /// </summary>
    public ClusterCorpus Build(int minCount, int maxWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var order = new int[_keys.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) => _counts[x] != _counts[y] ? _counts[y].CompareTo(_counts[x]) : string.CompareOrdinal(_keys[x], _keys[y]));
        int v = 0;
        while (v < order.Length && v < maxWords && _counts[order[v]] >= minCount) v++;
        var remap = new int[_keys.Count];
        Array.Fill(remap, Break);
        var words = new string[v];
        var counts = new long[v];
        for (int r = 0; r < v; r++)
        {
            remap[order[r]] = r;
            words[r] = _keys[order[r]];
            counts[r] = _counts[order[r]];
        }

        // Every adjacent in-vocabulary pair as one 64-bit key (left << 32 | right); sorting groups equal pairs
        // and orders them by left then right, which is the CSR row order.
        var pairs = new long[Math.Max(0, _length - 1)];
        var sequence = new int[_length];
        int n = 0;
        int prev = Break;
        for (int i = 0; i < _length; i++)
        {
            int cur = _sequence[i] == Break ? Break : remap[_sequence[i]];
            sequence[i] = cur;
            if (prev != Break && cur != Break) pairs[n++] = ((long)prev << 32) | (uint)cur;
            prev = cur;
        }
        Array.Sort(pairs, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || pairs[i] != pairs[i - 1]) distinct++;
        var rightStart = new int[v + 1];
        var right = new int[distinct];
        var rightCount = new int[distinct];
        var leftDegree = new int[v + 1];
        int k = -1;
        for (int i = 0; i < n; i++)
        {
            int a = (int)(pairs[i] >> 32), b = (int)(uint)pairs[i];
            if (i == 0 || pairs[i] != pairs[i - 1])
            {
                k++;
                right[k] = b;
                rightStart[a + 1]++;
                leftDegree[b + 1]++;
            }
            rightCount[k]++;
        }
        for (int w = 0; w < v; w++) rightStart[w + 1] += rightStart[w];
        // The transpose: for each right word, its left neighbours (ascending, since rows are visited in order).
        var leftStart = new int[v + 1];
        for (int w = 0; w < v; w++) leftStart[w + 1] = leftStart[w] + leftDegree[w + 1];
        var fill = leftStart[..v];
        var left = new int[distinct];
        var leftCount = new int[distinct];
        for (int a = 0; a < v; a++)
            for (int e = rightStart[a]; e < rightStart[a + 1]; e++)
            {
                int slot = fill[right[e]]++;
                left[slot] = a;
                leftCount[slot] = rightCount[e];
            }
        return new ClusterCorpus(words, counts, rightStart, right, rightCount, leftStart, left, leftCount, Tokens, _keys.Count, Documents, sequence);
    }
}
