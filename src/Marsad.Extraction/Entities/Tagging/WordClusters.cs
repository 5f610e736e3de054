using System.Security.Cryptography;
using System.Text;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// Distributional word clusters learned from unlabeled news (Brown-style bit paths), read from a TSV
/// file: <c>STEM&lt;TAB&gt;PATH&lt;TAB&gt;COUNT</c>, one word a line, <c>#</c> comment lines at the top.
/// STEM is the text stage's <see cref="Marsad.Analysis.WordToken.Stem"/>; PATH a string of 0 and 1
/// whose prefixes are coarser clusters. Each word's path prefixes (lengths 4, 6, 10, 16 and the whole
/// path) are hashed once at load, so a lookup at tagging time is one table probe and no allocation.
/// <see cref="Hash"/> identifies the file's bytes: a model records the hash of the clusters it was
/// trained with and refuses to run with others.
/// </summary>
public sealed class WordClusters
{
    /// <summary>Prefix lengths used as features (the whole path is the last one).</summary>
    internal static readonly int[] PrefixLengths = [4, 6, 10, 16, int.MaxValue];

    private static readonly Lazy<WordClusters?> DefaultInstance = new(LoadDefault);

    private readonly WordTable<int> _index;
    private readonly ulong[] _prefixes; // entry * PrefixLengths.Length + k

    private WordClusters(WordTable<int> index, ulong[] prefixes, string hash, string source)
    {
        _index = index;
        _prefixes = prefixes;
        Hash = hash;
        Source = source;
    }

    /// <summary>The cluster file shipped with Marsad (Data/clusters/clusters.tsv), or null when this build has none.</summary>
    public static WordClusters? Default => DefaultInstance.Value;

    /// <summary>The first 16 hex digits of the SHA-256 of the file's bytes.</summary>
    public string Hash { get; }

    /// <summary>The file (or resource) the clusters were read from, for messages.</summary>
    public string Source { get; }

    public int Count => _index.Count;

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
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
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
            if (!map.TryAdd(cells[0], map.Count)) throw new InvalidDataException($"{source}: line {lineNo}: '{cells[0]}' appears twice");
            foreach (int len in PrefixLengths)
            {
                // a path shorter than the prefix length is its own (whole-path) prefix
                var p = path.AsSpan(0, Math.Min(len, path.Length));
                prefixes.Add(Marsad.Text.SpanHash.Of(p) ^ (ulong)len);
            }
        }
        if (map.Count == 0) throw new InvalidDataException($"{source}: no clusters in the file");
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return new WordClusters(new WordTable<int>(map), [.. prefixes], hash, source);
    }

    /// <summary>
    /// The hashed path prefixes of <paramref name="stem"/>; empty when the word has no cluster. The file keys
    /// numbers with every digit as 0 (2023 → 0000), so digits are folded the same way before the lookup.
    /// </summary>
    internal ReadOnlySpan<ulong> PrefixesOf(ReadOnlySpan<char> stem)
    {
        int d = stem.IndexOfAnyInRange('0', '9');
        if (d >= 0 && stem.Length <= 64)
        {
            Span<char> folded = stackalloc char[stem.Length];
            for (int i = 0; i < stem.Length; i++) folded[i] = char.IsAsciiDigit(stem[i]) ? '0' : stem[i];
            return Find(folded);
        }
        return Find(stem);
    }

    private ReadOnlySpan<ulong> Find(scoped ReadOnlySpan<char> key) =>
        _index.TryGetValue(key, out int entry) ? _prefixes.AsSpan(entry * PrefixLengths.Length, PrefixLengths.Length) : [];

    private static WordClusters? LoadDefault()
    {
        var bytes = Marsad.Extraction.Data.EmbeddedData.TryReadBytes("clusters/clusters.tsv");
        return bytes is null ? null : Parse(bytes, "Data/clusters/clusters.tsv");
    }
}
