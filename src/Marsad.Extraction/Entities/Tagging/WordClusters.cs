using System.Security.Cryptography;
using System.Text;
using Marsad.Text;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// Distributional word clusters learned from unlabeled news (Brown-style bit paths), read from a TSV
/// file: <c>STEM&lt;TAB&gt;PATH&lt;TAB&gt;COUNT</c>, one word a line, <c>#</c> comment lines at the top.
/// STEM is the text stage's <see cref="Marsad.Analysis.WordToken.Stem"/>; PATH a string of 0 and 1
/// whose prefixes are coarser clusters. Each distinct path's prefixes (lengths 4, 6, 10, 16 and the whole
/// path) are hashed once at load, so a lookup at tagging time is one probe of a compact table and no
/// allocation. <see cref="Hash"/> identifies the file's bytes: a model records the hash of the clusters
/// it was trained with and refuses to run with others.
/// </summary>
public sealed class WordClusters
{
    /// <summary>Prefix lengths used as features (the whole path is the last one).</summary>
    internal static readonly int[] PrefixLengths = [4, 6, 10, 16, int.MaxValue];

    private static readonly Lazy<WordClusters?> DefaultInstance = new(LoadDefault);

    // The tagger looks every token up here, and a table of string keys costs a slot, the key's string and
    // the prefix row: three cache misses a token. Each slot instead holds the word's 64-bit SpanHash with
    // its low 16 bits replaced by the path's index + 1 (0 = empty), and the prefixes are stored per path
    // (a few hundred rows that stay in cache). A word is then known by 48 bits of its hash and the slot it
    // probes from; two of the file's words never share those (checked at load), and a word outside the
    // file matches one with a chance of about 2^-48 per lookup, far below the feature hashing's own collisions.
    private const ulong PathBits = 0xFFFF;
    private readonly ulong[] _slots;
    private readonly int _mask;
    private readonly ulong[] _prefixes; // path * PrefixLengths.Length + k

    private WordClusters(ulong[] slots, ulong[] prefixes, int count, string hash, string source)
    {
        _slots = slots;
        _mask = slots.Length - 1;
        _prefixes = prefixes;
        Count = count;
        Hash = hash;
        Source = source;
    }

    /// <summary>The cluster file shipped with Marsad (Data/clusters/clusters.tsv), or null when this build has none.</summary>
    public static WordClusters? Default => DefaultInstance.Value;

    /// <summary>The first 16 hex digits of the SHA-256 of the file's bytes.</summary>
    public string Hash { get; }

    /// <summary>The file (or resource) the clusters were read from, for messages.</summary>
    public string Source { get; }

    /// <summary>Words in the file.</summary>
    public int Count { get; }

    public static WordClusters Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such cluster file", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a cluster file's bytes; <paramref name="source"/> names it in errors.</summary>
    public static WordClusters Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var words = new Dictionary<string, int>(StringComparer.Ordinal); // word → path index
        var paths = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixes = new List<ulong>();
        using var reader = new StringReader(new UTF8Encoding(false, true).GetString(bytes));
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || cells[0].Length == 0 || cells[1].Length == 0 || !long.TryParse(cells[2], out _))
                throw new InvalidDataException($"{source}: line {lineNo}: expected STEM<TAB>PATH<TAB>COUNT");
            var path = cells[1];
            foreach (char c in path)
                if (c is not ('0' or '1')) throw new InvalidDataException($"{source}: line {lineNo}: the path '{path}' is not a string of 0 and 1");
            if (!paths.TryGetValue(path, out int pathIndex))
            {
                pathIndex = paths.Count;
                if (pathIndex >= (int)PathBits) throw new InvalidDataException($"{source}: line {lineNo}: more than {PathBits - 1} distinct paths");
                paths.Add(path, pathIndex);
                foreach (int len in PrefixLengths)
                {
                    // a path shorter than the prefix length is its own (whole-path) prefix
                    var p = path.AsSpan(0, Math.Min(len, path.Length));
                    prefixes.Add(SpanHash.Of(p) ^ (ulong)len);
                }
            }
            if (!words.TryAdd(cells[0], pathIndex)) throw new InvalidDataException($"{source}: line {lineNo}: '{cells[0]}' appears twice");
        }
        if (words.Count == 0) throw new InvalidDataException($"{source}: no clusters in the file");
        int size = 16;
        while (size < words.Count * 3 / 2) size *= 2; // load factor ≤ 2/3: a probe's run of slots is mostly in one cache line
        var slots = new ulong[size];
        foreach (var (word, pathIndex) in words)
        {
            ulong h = SpanHash.Of(word);
            int slot = (int)h & (size - 1);
            for (; slots[slot] != 0; slot = (slot + 1) & (size - 1))
                if ((slots[slot] & ~PathBits) == (h & ~PathBits))
                    throw new InvalidDataException($"{source}: '{word}' hashes like another word of the file; the cluster table cannot tell them apart");
            slots[slot] = (h & ~PathBits) | (uint)(pathIndex + 1);
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return new WordClusters(slots, [.. prefixes], words.Count, hash, source);
    }

    /// <summary>
    /// The hashed path prefixes of <paramref name="stem"/>; empty when the word has no cluster. The file keys
    /// numbers with every digit as 0 (2023 → 0000), so digits are folded the same way before the lookup.
    /// <paramref name="stemHash"/> is the stem's <see cref="SpanHash.Of"/> (the tagger hashed it already).
    /// </summary>
    internal ReadOnlySpan<ulong> PrefixesOf(ReadOnlySpan<char> stem, ulong stemHash)
    {
        int d = stem.IndexOfAnyInRange('0', '9');
        if (d >= 0 && stem.Length <= 64)
        {
            Span<char> folded = stackalloc char[stem.Length];
            for (int i = 0; i < stem.Length; i++) folded[i] = char.IsAsciiDigit(stem[i]) ? '0' : stem[i];
            return Find(SpanHash.Of(folded));
        }
        return Find(stemHash);
    }

    private ReadOnlySpan<ulong> Find(ulong h)
    {
        for (int slot = (int)h & _mask; ; slot = (slot + 1) & _mask)
        {
            ulong e = _slots[slot];
            if (e == 0) return [];
            if ((e & ~PathBits) == (h & ~PathBits))
                return _prefixes.AsSpan(((int)(e & PathBits) - 1) * PrefixLengths.Length, PrefixLengths.Length);
        }
    }

    private static WordClusters? LoadDefault()
    {
        var bytes = Marsad.Extraction.Data.EmbeddedData.TryReadBytes("clusters/clusters.tsv");
        return bytes is null ? null : Parse(bytes, "Data/clusters/clusters.tsv");
    }
}
