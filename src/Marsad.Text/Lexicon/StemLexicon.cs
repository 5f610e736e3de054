using System.Collections.Frozen;
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

    private readonly FrozenSet<string> _stems;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private StemLexicon(FrozenSet<string> stems)
    {
        _stems = stems;
        _lookup = stems.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The lexicon generated from hunspell-ar, embedded in this assembly.</summary>
    public static StemLexicon Default => LazyDefault.Value;

    /// <summary>An empty lexicon: the segmenter then removes only what the article rule allows.</summary>
    public static StemLexicon Empty { get; } = new(FrozenSet<string>.Empty);

    public int Count => _stems.Count;

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
        return new StemLexicon(set.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>True when the folded key <paramref name="key"/> is a stem.</summary>
    public bool ContainsKey(ReadOnlySpan<char> key) => _lookup.Contains(key);

    /// <summary>True when <paramref name="word"/> (as written) is a stem.</summary>
    public bool Contains(ReadOnlySpan<char> word)
    {
        if (word.Length > 128) return false;
        Span<char> buffer = stackalloc char[128];
        int n = Fold(word, buffer);
        return _lookup.Contains(buffer[..n]);
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
