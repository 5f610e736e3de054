using Lucene.Net.Analysis;
using Marsad.Text.Search;
using static Marsad.Text.Tests.Search.AnalyzerTestHelper;

namespace Marsad.Text.Tests.Search;

/// <summary>
/// Exact terms of each filter of the search analyzer, each behind <see cref="MarsadTokenizer"/> alone
/// (Specs/analyzer-terms.tsv: chain, text, the terms separated by spaces, or ∅ for none).
/// </summary>
public class FilterTermsTests
{
    public static TheoryData<string, string, string> Rows => SpecFile.Triples("analyzer-terms.tsv");

    [Theory]
    [MemberData(nameof(Rows))]
    public void Filter_emits_exactly_these_terms(string chain, string text, string expected)
    {
        using var analyzer = new Chain(chain);
        var want = expected == "∅" ? [] : expected.Split(' ').ToList();
        Assert.Equal(want, analyzer.GetTerms(text));
    }

    /// <summary>The tokenizer and one filter (or the whole analyzer), by the spec's chain name.</summary>
    private sealed class Chain(string name) : Analyzer
    {
        private readonly Analyzer? _whole = name == "analyzer" ? new MarsadArabicAnalyzer() : null;

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            if (_whole is not null) throw new InvalidOperationException("the whole analyzer is used directly");
            var source = new MarsadTokenizer(reader);
            TokenStream result = name switch
            {
                "tokens" => source,
                "clitics" => new ArabicCliticFilter(source),
                "normalise" => new ArabicSearchNormalizationFilter(source),
                "stop" => new ArabicStopFilter(new ArabicSearchNormalizationFilter(source), MarsadArabicAnalyzer.DefaultStopWords),
                "stem" => new ArabicLightStemFilter(new ArabicSearchNormalizationFilter(source)),
                _ => throw new ArgumentException($"analyzer-terms.tsv: unknown chain '{name}' (tokens clitics normalise stop stem analyzer)"),
            };
            return new TokenStreamComponents(source, result);
        }

        public List<string> GetTerms(string text) => Terms(_whole ?? this, text);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _whole?.Dispose();
            base.Dispose(disposing);
        }
    }
}
