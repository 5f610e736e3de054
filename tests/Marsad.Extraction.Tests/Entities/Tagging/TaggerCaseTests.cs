using Marsad.Analysis;
using Marsad.Extraction.Entities;

namespace Marsad.Extraction.Tests.Entities.Tagging;

/// <summary>One test per line of <c>tagger-cases.tsv</c>: names in no list, found by the shipped model from their context.</summary>
public class TaggerCaseTests
{
    private static readonly AnalysisPipeline Tagger = new AnalysisPipelineBuilder().UseEntities().Build();
    private static readonly AnalysisPipeline Rules = new AnalysisPipelineBuilder().UseEntities(options: EntityOptions.RulesOnly).Build();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in SpecFile.Rows(Path.Combine("Entities", "Tagging", "tagger-cases.tsv"), 2)) data.Add(row[0], row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Found_from_context(string sentence, string expectations)
    {
        var input = new ArticleInput { Title = "", Body = sentence };
        var tagged = Tagger.Analyze(input);
        var rules = Rules.Analyze(input);
        static string Describe(AnalyzedDocument d) =>
            string.Join(" · ", d.Entities.Select(e => $"{e.Type} {e.Name} {{{string.Join(", ", e.Mentions.Select(m => m.Text))}}}"));
        foreach (var item in SpecFile.Items(expectations))
        {
            int eq = item.IndexOf('=');
            string type = item[..eq], mention = item[(eq + 1)..];
            Assert.True(tagged.Entities.Any(e => e.Type == type && e.Mentions.Any(m => m.Text == mention)), $"{item}: {Describe(tagged)}");
            Assert.False(rules.Entities.Any(e => e.Mentions.Any(m => m.Text == mention)), $"{item} is found without the tagger: {Describe(rules)}");
        }
    }
}
