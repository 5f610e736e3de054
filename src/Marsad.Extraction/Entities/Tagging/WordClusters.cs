using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
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
    // its low 16 bits replaced by the first file's path index + 1 (0 = empty slot), and the prefixes are stored
    // per path (a few hundred rows that stay in cache). A word is then known by 48 bits of its hash and the
    // slot it probes from; two words never share those (checked at load), and a word outside the files matches
    // one with a chance of about 2^-48 per lookup, far below the feature hashing's own collisions. The other
    // files' path indexes sit in parallel arrays at the same slot. Path index 0 of every file is "not in this
    // file": its prefixes are all 0.
    private const ulong PathBits = 0xFFFF;
    private readonly ulong[] _slots;
    private readonly ushort[][] _more;   // file f ≥ 1: path index at each slot
    private readonly int _mask;
    private readonly ulong[][] _prefixes; // file f: path * PrefixLengths.Length + k

    private WordClusters(ulong[] slots, ushort[][] more, ulong[][] prefixes, int count, string hash, string source)
    {
        _slots = slots;
        _more = more;
        _mask = slots.Length - 1;
        _prefixes = prefixes;
        Count = count;
        Hash = hash;
        Source = source;
    }

    /// <summary>
    /// The cluster files shipped with Marsad (Data/clusters/clusters.tsv, Brown clusters, then embclusters.tsv,
    /// embedding clusters, when the build has it), or null when this build has none.
    /// </summary>
    public static WordClusters? Default => DefaultInstance.Value;

    /// <summary>
    /// The first 16 hex digits of the SHA-256 of the file's bytes; with several files, theirs joined by '+'.
    /// </summary>
    public string Hash { get; }

    /// <summary>The file (or resource) the clusters were read from, for messages.</summary>
    public string Source { get; }

    /// <summary>Distinct words in the files.</summary>
    public int Count { get; }

    /// <summary>Most cluster files read side by side: the tagger has features for two (Brown, then embeddings).</summary>
    public const int MaxFiles = 2;

    /// <summary>How many cluster files are read together (each gives its own path prefixes).</summary>
    public int Files => _prefixes.Length;

    public static WordClusters Load(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0) throw new ArgumentException("no cluster file given", nameof(paths));
        var files = new List<(byte[], string)>();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such cluster file", path);
            files.Add((File.ReadAllBytes(path), path));
        }
        return Parse(files);
    }

    /// <summary>Reads a cluster file's bytes; <paramref name="source"/> names it in errors.</summary>
    public static WordClusters Parse(byte[] bytes, string source) => Parse([(bytes, source)]);

    /// <summary>
    /// Reads cluster files whose paths are used side by side (a word has one path in each file it is in), in the
    /// order given: a model trained with them expects the same files in the same order.
    /// </summary>
    public static WordClusters Parse(IReadOnlyList<(byte[] Bytes, string Source)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count is < 1 or > MaxFiles) throw new ArgumentException($"one to {MaxFiles} cluster files (the tagger's features read two)", nameof(files));
        var words = new Dictionary<string, ushort[]>(StringComparer.Ordinal); // word → path index per file
        var prefixTables = new ulong[files.Count][];
        for (int f = 0; f < files.Count; f++)
        {
            var (bytes, source) = files[f];
            ArgumentNullException.ThrowIfNull(bytes);
            var paths = new Dictionary<string, int>(StringComparer.Ordinal);
            var prefixes = new List<ulong>();
            for (int k = 0; k < PrefixLengths.Length; k++) prefixes.Add(0); // path index 0: not in this file
            var seen = new HashSet<string>(StringComparer.Ordinal);
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
                    pathIndex = paths.Count + 1;
                    if (pathIndex >= (int)PathBits) throw new InvalidDataException($"{source}: line {lineNo}: more than {PathBits - 2} distinct paths");
                    paths.Add(path, pathIndex);
                    foreach (int len in PrefixLengths)
                    {
                        // a path shorter than the prefix length is its own (whole-path) prefix; each file's
                        // prefixes are told apart from another file's same bits
                        var p = path.AsSpan(0, Math.Min(len, path.Length));
                        prefixes.Add(SpanHash.Of(p) ^ (ulong)len ^ ((ulong)f << 56));
                    }
                }
                if (!seen.Add(cells[0])) throw new InvalidDataException($"{source}: line {lineNo}: '{cells[0]}' appears twice");
                if (!words.TryGetValue(cells[0], out var row)) words.Add(cells[0], row = new ushort[files.Count]);
                row[f] = (ushort)pathIndex;
            }
            if (seen.Count == 0) throw new InvalidDataException($"{source}: no clusters in the file");
            prefixTables[f] = [.. prefixes];
        }
        int size = 16;
        while (size < words.Count * 3 / 2) size *= 2; // load factor ≤ 2/3: a probe's run of slots is mostly in one cache line
        var slots = new ulong[size];
        var more = new ushort[files.Count - 1][];
        for (int f = 0; f < more.Length; f++) more[f] = new ushort[size];
        foreach (var (word, row) in words)
        {
            ulong h = SpanHash.Of(word);
            int slot = (int)h & (size - 1);
            for (; slots[slot] != 0; slot = (slot + 1) & (size - 1))
                if ((slots[slot] & ~PathBits) == (h & ~PathBits))
                    throw new InvalidDataException($"{files[0].Source}: '{word}' hashes like another word of the file; the cluster table cannot tell them apart");
            slots[slot] = (h & ~PathBits) | (uint)(row[0] + 1);
            for (int f = 0; f < more.Length; f++) more[f][slot] = row[f + 1];
        }
        string hash = string.Join("+", files.Select(x => Convert.ToHexStringLower(SHA256.HashData(x.Bytes))[..16]));
        string sources = string.Join(" + ", files.Select(x => x.Source));
        return new WordClusters(slots, more, prefixTables, words.Count, hash, sources);
    }

    /// <summary>
    /// The hashed path prefixes of <paramref name="stem"/> in each file (file f's at <c>f * PrefixLengths.Length</c>;
    /// all 0 for a file the word is not in) into <paramref name="into"/>; false when no file has the word. The
    /// files key numbers with every digit as 0 (2023 → 0000), so digits are folded the same way before the lookup.
    /// <paramref name="stemHash"/> is the stem's <see cref="SpanHash.Of"/> (the tagger hashed it already).
    /// </summary>
    internal bool PrefixesOf(ReadOnlySpan<char> stem, ulong stemHash, Span<ulong> into)
    {
        int d = stem.IndexOfAnyInRange('0', '9');
        ulong h = stemHash;
        if (d >= 0 && stem.Length <= 64)
        {
            Span<char> folded = stackalloc char[stem.Length];
            for (int i = 0; i < stem.Length; i++) folded[i] = char.IsAsciiDigit(stem[i]) ? '0' : stem[i];
            h = SpanHash.Of(folded);
        }
        int slot = Find(h);
        int k = PrefixLengths.Length;
        if (slot < 0)
        {
            into[..(k * Files)].Clear();
            return false;
        }
        _prefixes[0].AsSpan(((int)(_slots[slot] & PathBits) - 1) * k, k).CopyTo(into);
        for (int f = 1; f < Files; f++) _prefixes[f].AsSpan(_more[f - 1][slot] * k, k).CopyTo(into[(f * k)..]);
        return true;
    }

    /// <summary>
    /// Asks the memory for the slot a lookup of the word with hash <paramref name="h"/> reads first (and its second
    /// file's path index): the tagger calls this for a whole sentence before it looks the words up one by one, so
    /// the table's cache misses overlap instead of coming one after the other. Only a hint.
    /// </summary>
    internal unsafe void Prefetch(ulong h)
    {
        if (!Sse.IsSupported) return;
        int slot = (int)h & _mask;
        Sse.Prefetch0(Unsafe.AsPointer(ref _slots[slot]));
        if (_more.Length > 0) Sse.Prefetch0(Unsafe.AsPointer(ref _more[0][slot]));
    }

    private int Find(ulong h)
    {
        for (int slot = (int)h & _mask; ; slot = (slot + 1) & _mask)
        {
            ulong e = _slots[slot];
            if (e == 0) return -1;
            if ((e & ~PathBits) == (h & ~PathBits)) return slot;
        }
    }

    private static WordClusters? LoadDefault()
    {
        var files = new List<(byte[], string)>();
        foreach (var name in (string[])["clusters.tsv", "embclusters.tsv"])
            if (Marsad.Extraction.Data.EmbeddedData.TryReadBytes("clusters/" + name) is { } bytes) files.Add((bytes, "Data/clusters/" + name));
        return files.Count == 0 ? null : Parse(files);
    }
}
