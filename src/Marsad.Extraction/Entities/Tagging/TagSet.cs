namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// The BIO tags a model predicts (O, then B-X and I-X for each type X) and which tag may follow which:
/// I-X only after B-X or I-X, so the decoder never emits a span that starts inside a name.
/// </summary>
public sealed class TagSet
{
    /// <summary>The ANERcorp types: PERS LOC ORG MISC.</summary>
    public static TagSet Default { get; } = new(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]);

    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;
    private readonly bool[] _allowed;      // [prev * Count + next]
    private readonly bool[] _startAllowed;
    private readonly int[][] _predecessors;

    public TagSet(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count is < 1 or > 64 || names[0] != "O")
            throw new ArgumentException("a tag set starts with O and has at most 64 tags", nameof(names));
        _names = [.. names];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _names.Length; i++)
        {
            var n = _names[i];
            if (i > 0 && !(n.Length > 2 && n[1] == '-' && n[0] is 'B' or 'I'))
                throw new ArgumentException($"tag '{n}' is not O, B-TYPE or I-TYPE", nameof(names));
            if (!_index.TryAdd(n, i)) throw new ArgumentException($"tag '{n}' appears twice", nameof(names));
        }
        int t = _names.Length;
        _allowed = new bool[t * t];
        _startAllowed = new bool[t];
        for (int b = 0; b < t; b++)
        {
            _startAllowed[b] = !IsInside(b);
            for (int a = 0; a < t; a++)
                _allowed[a * t + b] = !IsInside(b) || (a > 0 && TypeOf(a) == TypeOf(b));
        }
        _predecessors = new int[t][];
        for (int b = 0; b < t; b++)
            _predecessors[b] = [.. Enumerable.Range(0, t).Where(a => _allowed[a * t + b])];
    }

    public int Count => _names.Length;

    public IReadOnlyList<string> Names => _names;

    public string this[int tag] => _names[tag];

    /// <summary>The tag's index, or -1 when the set has no such tag.</summary>
    public int IndexOf(string tag) => _index.GetValueOrDefault(tag, -1);

    public bool IsInside(int tag) => _names[tag][0] == 'I';

    public bool IsBegin(int tag) => _names[tag][0] == 'B';

    /// <summary>PERS, LOC … for B-/I- tags; "" for O.</summary>
    public string TypeOf(int tag) => tag == 0 ? "" : _names[tag][2..];

    /// <summary>The B- tag of the same type as <paramref name="tag"/> (O stays O).</summary>
    public int BeginOf(int tag) => tag == 0 || IsBegin(tag) ? tag : IndexOf("B-" + TypeOf(tag));

    /// <summary>The I- tag of the same type (O stays O).</summary>
    public int InsideOf(int tag) => tag == 0 || IsInside(tag) ? tag : IndexOf("I-" + TypeOf(tag));

    public bool Allowed(int previous, int next) => _allowed[previous * _names.Length + next];

    public bool AllowedAtStart(int tag) => _startAllowed[tag];

    /// <summary>The tags that may come before <paramref name="tag"/>, in increasing order (Viterbi visits only these).</summary>
    public ReadOnlySpan<int> Predecessors(int tag) => _predecessors[tag];

    public bool SameAs(TagSet other) => _names.AsSpan().SequenceEqual(other._names);
}
