using Marsad.Analysis;
using Marsad.Extraction.Entities;

namespace Marsad.Extraction.Tests.Entities;

/// <summary>One test per line of <c>entity-cases.tsv</c> (sentences written for these tests).</summary>
public class EntityCaseTests
{
    private static readonly AnalysisPipeline Pipeline = new AnalysisPipelineBuilder().UseEntities().Build();

    public static TheoryData<int, string, string> Cases()
    {
        var data = new TheoryData<int, string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "Entities", "entity-cases.tsv");
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            data.Add(n, f[0], f.Length > 1 ? f[1] : "");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(int line, string sentence, string expectations)
    {
        var doc = Pipeline.Analyze(new ArticleInput { Title = "", Body = sentence });
        EntityAnnotation? Find(string type, string text) =>
            doc.Entities.FirstOrDefault(e => (type.Length == 0 || e.Type == type) && e.Mentions.Any(m => m.Text == text));
        string Describe() => $"line {line}: " + string.Join(" · ", doc.Entities.Select(e =>
            $"{e.Type} {e.Name} [{e.Key}] {{{string.Join(", ", e.Mentions.Select(m => m.Text))}}}"));

        foreach (var raw in expectations.Split(" ; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=');
            string head = raw[..eq], body = raw[(eq + 1)..];
            var parts = body.Split('|');
            switch (head)
            {
                case "COUNT":
                    Assert.True(doc.Entities.Count == int.Parse(body), $"expected {body} entities; {Describe()}");
                    break;
                case "SAME":
                    var a = Find("", parts[0]);
                    var b = Find("", parts[1]);
                    Assert.True(a is not null && ReferenceEquals(a, b), $"«{parts[0]}» and «{parts[1]}» should be one entity; {Describe()}");
                    break;
                case "NAME":
                    var named = Find("", parts[0]);
                    Assert.True(named?.Name == parts[1], $"«{parts[0]}» should be named «{parts[1]}»; {Describe()}");
                    break;
                default:
                    bool negative = head.StartsWith('!');
                    string type = head.TrimStart('!');
                    var e = Find(type, parts[0]);
                    if (negative)
                    {
                        Assert.True(e is null, $"no {type} «{parts[0]}» expected; {Describe()}");
                        break;
                    }
                    Assert.True(e is not null, $"{type} «{parts[0]}» expected; {Describe()}");
                    if (parts.Length > 1) Assert.True(e!.Key == parts[1], $"«{parts[0]}» should have key {parts[1]}; {Describe()}");
                    break;
            }
        }
    }
}
