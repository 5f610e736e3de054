using System.Text;

namespace Marsad.Text;

/// <summary>What a lexicon stem is (a stem can be several at once: قال is a noun and a verb).</summary>
[Flags]
public enum StemKinds : byte
{
    None = 0,
    /// <summary>Noun, adjective or proper noun: takes the article, the accusative alif, ات ون ين ان ة ي.</summary>
    Noun = 1,
    /// <summary>Verb form: takes the endings ت وا تا تم تن ن ون ين ا, the future س, ل before the imperfect.</summary>
    Verb = 2,
    /// <summary>Function word (particle, preposition, pronoun, adverb).</summary>
    Function = 4,
    /// <summary>A function word that takes an enclitic pronoun (في → فيها، أن → أنه).</summary>
    TakesPronoun = 8,
    /// <summary>One word that looks like clitic + word (الذي، كما، هناك): never split.</summary>
    Whole = 16,
    /// <summary>A place or given name from the gazetteer.</summary>
    Name = 32,
}

/// <summary>A stem's kinds and its corpus weight: ⌊4·log2(count + 1)⌋, quarter-octaves of how often it stands free.</summary>
public readonly record struct StemEntry(StemKinds Kinds, byte Weight)
{
    public bool Found => Kinds != StemKinds.None;

    public bool Is(StemKinds kind) => (Kinds & kind) != 0;
}

/// <summary>
/// A set of Arabic stems (nouns, proper nouns, conjugated verbs, function words) keyed by their folded
/// form: diacritics and tatweel removed, أ إ آ ٱ → ا, ى → ي, ؤ ئ → ء, ة kept (see
/// <see cref="Fold(ReadOnlySpan{char}, Span{char})"/>), each with its <see cref="StemKinds"/> and corpus
/// weight. The default set is generated from the Ayaspell dictionary, the gazetteer's names and the ANT
/// corpus's counts by tools/lexicon/generate_stems.py (Lexicon/NOTICE) and loaded once.
/// </summary>
public sealed class StemLexicon
{
    private const string ResourceName = "Marsad.Text.Lexicon.ar-stems.txt";

    /// <summary>The weight of a stem from a plain word list (no counts): as if seen about a thousand times.</summary>
    public const byte UncountedWeight = 40;

    private static readonly Lazy<StemLexicon> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    // An open-addressing table of 32-bit fingerprints of 64-bit key hashes (≈ 4 bytes a stem, 16 slots a cache
    // line: most look-ups are of slices that are no stem, and they read only this table) and, in the same slot of a
    // parallel array, the stem's kinds and weight: where a string dictionary would chase a bucket, an entry and a
    // string. A key that is not a stem passes for one with probability ≈ 2⁻³² per probe — far below the
    // segmenter's own error rate.
    private readonly uint[] _table;
    private readonly ushort[] _info;
    private readonly int _mask;

    private StemLexicon(IReadOnlyCollection<(string Key, StemKinds Kinds, byte Weight)> entries)
    {
        int size = 16;
        while (size < entries.Count * 3 / 2) size *= 2; // load factor ≤ 2/3
        _table = new uint[size];
        _info = new ushort[size];
        _mask = size - 1;
        foreach (var (key, kinds, weight) in entries)
        {
            ulong h = Hash(key);
            int slot = (int)h & _mask;
            uint fp = Fingerprint(h);
            while (_table[slot] != 0 && _table[slot] != fp) slot = (slot + 1) & _mask;
            if (_table[slot] == 0) Count++;
            _table[slot] = fp;
            var old = Unpack(_info[slot]);
            _info[slot] = Pack(old.Kinds | kinds, Math.Max(old.Weight, weight));
        }
    }

    private static ushort Pack(StemKinds kinds, byte weight) => (ushort)(((int)kinds << 8) | weight);

    private static StemEntry Unpack(ushort v) => new((StemKinds)(v >> 8), (byte)v);

    internal static ulong Hash(ReadOnlySpan<char> key) => SpanHash.Of(key);

    private static uint Fingerprint(ulong h)
    {
        uint fp = (uint)(h >> 32);
        return fp == 0 ? 1 : fp; // 0 marks an empty slot
    }

    /// <summary>The generated lexicon embedded in this assembly.</summary>
    public static StemLexicon Default => LazyDefault.Value;

    /// <summary>An empty lexicon: the segmenter then removes only what the article rule allows.</summary>
    public static StemLexicon Empty { get; } = new(Array.Empty<(string, StemKinds, byte)>());

    /// <summary>How many distinct keys the lexicon holds.</summary>
    public int Count { get; }

    /// <summary>Builds a lexicon of nouns and verbs from words as written (folded here), each with <see cref="UncountedWeight"/>.</summary>
    public static StemLexicon FromWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return FromEntries(words.Select(w => (w, StemKinds.Noun | StemKinds.Verb, UncountedWeight)));
    }

    /// <summary>Builds a lexicon from words as written (folded here) with their kinds and weights.</summary>
    public static StemLexicon FromEntries(IEnumerable<(string Word, StemKinds Kinds, byte Weight)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = new List<(string, StemKinds, byte)>();
        Span<char> buffer = stackalloc char[128];
        foreach (var (word, kinds, weight) in entries)
        {
            if (string.IsNullOrEmpty(word) || word.Length > buffer.Length || kinds == StemKinds.None) continue;
            int n = Fold(word, buffer);
            if (n > 0) list.Add((new string(buffer[..n]), kinds, weight));
        }
        return new StemLexicon(list);
    }

    /// <summary>The entry of the folded key <paramref name="key"/>; not <see cref="StemEntry.Found"/> when it is no stem.</summary>
    public StemEntry Lookup(ReadOnlySpan<char> key) => LookupHash(Hash(key));

    /// <summary>The entry of the folded key whose <see cref="SpanHash.Of"/> is <paramref name="hash"/> (the segmenter hashes each letter once).</summary>
    internal StemEntry LookupHash(ulong hash)
    {
        uint fp = Fingerprint(hash);
        int slot = (int)hash & _mask;
        while (true)
        {
            uint x = _table[slot];
            if (x == fp) return Unpack(_info[slot]);
            if (x == 0) return default;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>True when the folded key <paramref name="key"/> is a stem.</summary>
    public bool ContainsKey(ReadOnlySpan<char> key) => Lookup(key).Found;

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

    /// <summary>Weight of a corpus count: quarter-octaves, ⌊4·log2(count + 1)⌋, at most 255.</summary>
    public static byte WeightOf(long count) => (byte)Math.Min(255, (int)(4 * Math.Log2(count + 1.0)));

    /// <summary>Reads lines <c>stem TAB kinds TAB count</c> (kinds: letters N V F P W G).</summary>
    public static StemLexicon Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(string, StemKinds, byte)>(100_000);
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || cells[0].Length == 0 || !long.TryParse(cells[2], out long count) || count < 0)
                throw new FormatException($"{source}:{lineNo}: expected 'stem TAB kinds TAB count', got '{line}'");
            var kinds = StemKinds.None;
            foreach (char k in cells[1])
                kinds |= k switch
                {
                    'N' => StemKinds.Noun,
                    'V' => StemKinds.Verb,
                    'F' => StemKinds.Function,
                    'P' => StemKinds.TakesPronoun,
                    'W' => StemKinds.Whole,
                    'G' => StemKinds.Name,
                    _ => throw new FormatException($"{source}:{lineNo}: unknown stem kind '{k}' (expected N V F P W G)"),
                };
            if (kinds == StemKinds.None) throw new FormatException($"{source}:{lineNo}: stem '{cells[0]}' has no kind");
            entries.Add((cells[0], kinds, WeightOf(count)));
        }
        return FromEntries(entries);
    }

    private static StemLexicon LoadDefault()
    {
        using var stream = typeof(StemLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader, ResourceName);
    }
}
