using System.Text;

namespace Marsad.Text;

/// <summary>
/// A set of Arabic stems (nouns, proper nouns, conjugated verbs, function words) keyed by their folded
/// form: diacritics and tatweel removed, أ إ آ ٱ → ا, ى → ي, ؤ ئ → ء, ة kept (see
/// <see cref="Fold(ReadOnlySpan{char}, Span{char})"/>). The default set is generated from the Ayaspell
/// dictionary (Lexicon/NOTICE) and loaded once.
/// </summary>
public sealed class StemLexicon
{
    private const string ResourceName = "Marsad.Text.Lexicon.ar-stems.txt";

    private static readonly Lazy<StemLexicon> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    // The set is an open-addressing table of 32-bit fingerprints of 64-bit key hashes (≈ 4 bytes a
    // stem, 512 KiB for the default lexicon): one probe, usually one cache line, per lookup, where a
    // string hash set would chase a bucket, an entry and a string. A key that is not a stem passes for
    // one with probability ≈ 2⁻³² per probe — far below the segmenter's own error rate.
    // Two tables: keys as folded (ة kept), and the same keys with ة → ه for terms that were normalised
    // at search level, so a search term needs one probe where it would need two.
    private readonly uint[] _table, _searchTable;
    private readonly int _mask;

    private StemLexicon(ICollection<string> keys)
    {
        int size = 16;
        while (size < keys.Count * 3 / 2) size *= 2; // load factor ≤ 2/3
        _table = new uint[size];
        _searchTable = new uint[size];
        _mask = size - 1;
        Span<char> buffer = stackalloc char[128];
        foreach (var key in keys)
        {
            if (Insert(_table, key)) Count++;
            if (key.Length > buffer.Length) continue;
            key.CopyTo(buffer);
            buffer[..key.Length].Replace(ArabicLetters.TehMarbuta, ArabicLetters.Heh);
            Insert(_searchTable, buffer[..key.Length]);
        }
    }

    private bool Insert(uint[] table, ReadOnlySpan<char> key)
    {
        ulong h = Hash(key);
        int slot = (int)h & _mask;
        uint fp = Fingerprint(h);
        while (table[slot] != 0 && table[slot] != fp) slot = (slot + 1) & _mask;
        bool added = table[slot] == 0;
        table[slot] = fp;
        return added;
    }

    internal static ulong Hash(ReadOnlySpan<char> key) => SpanHash.Of(key);

    private static uint Fingerprint(ulong h)
    {
        uint fp = (uint)(h >> 32);
        return fp == 0 ? 1 : fp; // 0 marks an empty slot
    }

    /// <summary>The lexicon generated from hunspell-ar, embedded in this assembly.</summary>
    public static StemLexicon Default => LazyDefault.Value;

    /// <summary>An empty lexicon: the segmenter then removes only what the article rule allows.</summary>
    public static StemLexicon Empty { get; } = new(Array.Empty<string>());

    /// <summary>How many distinct keys the lexicon holds.</summary>
    public int Count { get; }

    /// <summary>Builds a lexicon from words as written (they are folded here).</summary>
    public static StemLexicon FromWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var set = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[128];
        foreach (var word in words)
        {
            if (string.IsNullOrEmpty(word) || word.Length > buffer.Length) continue;
            int n = Fold(word, buffer);
            if (n > 0) set.Add(new string(buffer[..n]));
        }
        return new StemLexicon(set);
    }

    /// <summary>True when the folded key <paramref name="key"/> is a stem.</summary>
    public bool ContainsKey(ReadOnlySpan<char> key) => Probe(_table, key);

    /// <summary>True when <paramref name="key"/>, a search-level term (ة written ه), is a stem.</summary>
    public bool ContainsSearchKey(ReadOnlySpan<char> key) => Probe(_searchTable, key);

    private bool Probe(uint[] table, ReadOnlySpan<char> key)
    {
        ulong h = Hash(key);
        uint fp = Fingerprint(h);
        int slot = (int)h & _mask;
        while (true)
        {
            uint x = table[slot];
            if (x == fp) return true;
            if (x == 0) return false;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>True when <paramref name="word"/> (as written) is a stem.</summary>
    public bool Contains(ReadOnlySpan<char> word)
    {
        if (word.Length > 128) return false;
        Span<char> buffer = stackalloc char[128];
        int n = Fold(word, buffer);
        return ContainsKey(buffer[..n]);
    }

    /// <summary>Writes the lexicon key of <paramref name="word"/> (never longer than the word) and returns its length.</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> key)
    {
        int n = 0;
        foreach (char c in word)
        {
            char f = ArabicNormalizer.FoldForLexicon(c);
            if (f != '\0') key[n++] = f;
        }
        return n;
    }

    private static StemLexicon LoadDefault()
    {
        using var stream = typeof(StemLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>(100_000);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) words.Add(line);
        return FromWords(words);
    }
}
