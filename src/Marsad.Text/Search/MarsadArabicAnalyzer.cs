using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Marsad.Text.Search;

/// <summary>
/// Marsad's Lucene analyzer for Arabic news, used for both documents and queries:
/// <see cref="MarsadTokenizer"/> → <see cref="ArabicSearchNormalizationFilter"/> → stop words →
/// <see cref="ArabicCliticFilter"/> → <see cref="ArabicLightStemFilter"/>.
/// Order matters: stop words and the clitic lexicon are stored in search-normal form, so normalisation
/// comes first; the stemmer removes suffixes only, after the clitic filter has taken the prefixes.
/// Compared with Lucene's ArabicAnalyzer it also folds ٱ ؤ ئ, removes ب ل ك س and enclitic pronouns
/// (checked against a lexicon), and keeps URLs, e-mail addresses and numbers whole.
/// </summary>
public sealed class MarsadArabicAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Lucene's Arabic stop words, in search-normal form.</summary>
    public static CharArraySet DefaultStopSet { get; } = BuildStopSet();

    private readonly CharArraySet _stopWords;
    private readonly CliticSegmenter _segmenter;

    public MarsadArabicAnalyzer() : this(DefaultStopSet, CliticSegmenter.Default)
    {
    }

    /// <param name="stopWords">Stop words in search-normal form, or <see cref="CharArraySet.EMPTY_SET"/> for none.</param>
    /// <param name="segmenter">The clitic segmenter (and so the lexicon) to use.</param>
    public MarsadArabicAnalyzer(CharArraySet stopWords, CliticSegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(stopWords);
        ArgumentNullException.ThrowIfNull(segmenter);
        _stopWords = stopWords;
        _segmenter = segmenter;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new MarsadTokenizer(reader);
        TokenStream result = new ArabicSearchNormalizationFilter(source);
        if (_stopWords.Count > 0) result = new StopFilter(Version, result, _stopWords);
        result = new ArabicCliticFilter(result, _segmenter);
        result = new ArabicLightStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    private static CharArraySet BuildStopSet()
    {
        var set = new CharArraySet(Version, 256, ignoreCase: false);
        foreach (var word in ArabicAnalyzer.DefaultStopSet)
            set.Add(ArabicNormalizer.Normalize(word, NormalizationLevel.Search));
        return set.AsReadOnly();
    }
}
