using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Util;

namespace Marsad.Text.Search;

/// <summary>
/// Marsad's Lucene analyzer for Arabic news, used for both documents and queries:
/// <see cref="MarsadTokenizer"/> → <see cref="ArabicCliticFilter"/> → <see cref="ArabicSearchNormalizationFilter"/> →
/// stop words → <see cref="ArabicLightStemFilter"/>.
/// Order matters: clitics are read on the word as written (folding ة/ه or hamza first could invent or hide
/// one); stop words are stored in search-normal form and match stems (وفي → في is stopped); the stemmer
/// removes suffixes only, after the clitic filter has taken the prefixes.
/// Compared with Lucene's ArabicAnalyzer it also folds ٱ ؤ ئ, removes ب ل ك س and enclitic pronouns
/// (checked against a lexicon), and keeps URLs, e-mail addresses and numbers whole.
/// </summary>
public sealed class MarsadArabicAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Lucene's Arabic stop words and Marsad's question and function words (Data/search-stopwords.tsv),
    /// in search-normal form.
    /// </summary>
    public static FrozenSet<string> DefaultStopWords { get; } = BuildStopWords();

    private const string StopWordsResource = "Marsad.Text.Data.search-stopwords.tsv";

    private readonly FrozenSet<string> _stopWords, _stopWordsAsWritten;

    private static readonly FrozenSet<string> DefaultStopWordsAsWritten =
        ArabicAnalyzer.DefaultStopSet.Concat(ReadWordList(StopWordsResource)).Concat(DefaultStopWords).ToFrozenSet(StringComparer.Ordinal);
    private readonly CliticSegmenter _segmenter;

    public MarsadArabicAnalyzer() : this(DefaultStopWords, CliticSegmenter.Default)
    {
    }

    /// <param name="stopWords">Stop words (normalised here to search level); empty for none.</param>
    /// <param name="segmenter">The clitic segmenter (and so the lexicon) to use.</param>
    public MarsadArabicAnalyzer(IEnumerable<string> stopWords, CliticSegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(stopWords);
        ArgumentNullException.ThrowIfNull(segmenter);
        _stopWords = stopWords as FrozenSet<string> ?? Normalised(stopWords);
        _segmenter = segmenter;
        // The frequent stop words as usually written (في، إلى، أن): the clitic filter passes them on unsegmented.
        _stopWordsAsWritten = ReferenceEquals(_stopWords, DefaultStopWords) ? DefaultStopWordsAsWritten : _stopWords;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new MarsadTokenizer(reader);
        TokenStream result = new ArabicCliticFilter(source, _segmenter, _stopWordsAsWritten);
        result = new ArabicSearchNormalizationFilter(result);
        if (_stopWords.Count > 0) result = new ArabicStopFilter(result, _stopWords);
        result = new ArabicLightStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    private static FrozenSet<string> BuildStopWords() => Normalised(ArabicAnalyzer.DefaultStopSet.Concat(ReadWordList(StopWordsResource)));

    /// <summary>Reads an embedded list of this assembly: one word a line, # comments, no blanks inside a word.</summary>
    internal static List<string> ReadWordList(string resource)
    {
        using var stream = typeof(MarsadArabicAnalyzer).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var words = new List<string>();
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var word = line.Trim();
            if (word.Length == 0 || word[0] == '#') continue;
            if (word.Any(char.IsWhiteSpace)) throw new FormatException($"{resource}:{lineNo}: one word a line expected, got '{line}'");
            words.Add(word);
        }
        return words;
    }

    private static FrozenSet<string> Normalised(IEnumerable<string> words) =>
        words.Select(w => ArabicNormalizer.Normalize(w, NormalizationLevel.Search))
            .Where(w => w.Length > 0)
            .ToFrozenSet(StringComparer.Ordinal);
}
