using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Marsad.Store.Index;

/// <summary>
/// The one place the archive gets its Lucene analyzer, for indexing, queries and highlighting
/// alike (they must agree). Interim: a chain composed from Lucene's Arabic filters until
/// <c>Marsad.Text.Search.MarsadArabicAnalyzer</c> lands.
/// </summary>
public static class AnalyzerFactory
{
    public static LuceneVersion Version => LuceneVersion.LUCENE_48;

    public static Analyzer Create() => new InterimArabicAnalyzer();

    /// <summary>
    /// StandardTokenizer (original offsets) → lower case → stop words
    /// (before normalisation: the list is written in unnormalised forms) → Arabic normalisation
    /// (alef/hamza forms, yaa, taa marbuta, diacritics, tatweel) → light stemming (و ال بال كال فال لل prefixes, common suffixes).
    /// </summary>
    private sealed class InterimArabicAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = new LowerCaseFilter(Version, source);
            result = new StopFilter(Version, result, ArabicAnalyzer.DefaultStopSet);
            result = new ArabicNormalizationFilter(result);
            result = new ArabicStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }
}
