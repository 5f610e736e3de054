using System.Text;
using System.Text.RegularExpressions;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Tests.Events;

/// <summary>
/// Builds an analysed document from a sentence with hand-made annotations, so the event and relation
/// tests do not depend on how well the entity and time stages do:
/// <c>[الرياض|LOC/city|SA]</c> is an entity (type/subtype, optional country code, optional
/// <c>=canonical name</c> to make several spellings one entity), <c>{الخميس|2024-03-07}</c> a time.
/// The text stage runs on the plain text; the layers are then added at the right offsets.
/// </summary>
public static partial class MarkedText
{
    [GeneratedRegex(@"\[(?<text>[^\]|]+)\|(?<type>PER|ORG|LOC)(/(?<sub>[a-z0-9]+))?(\|(?<country>[A-Z]{2}))?(=(?<name>[^\]]+))?\]|\{(?<ttext>[^}|]+)\|(?<value>[^}]+)\}")]
    private static partial Regex Markup();

    public static AnalyzedDocument Analyze(string marked, DateOnly? published = null, string title = "خبر")
    {
        var plain = new StringBuilder();
        var entities = new List<(int Start, int End, string Type, string? Sub, string? Country, string Name)>();
        var times = new List<(int Start, int End, string Value)>();
        int last = 0;
        foreach (Match m in Markup().Matches(marked))
        {
            plain.Append(marked, last, m.Index - last);
            last = m.Index + m.Length;
            if (m.Groups["text"].Success)
            {
                string text = m.Groups["text"].Value;
                int s = plain.Length;
                plain.Append(text);
                string name = m.Groups["name"].Success ? m.Groups["name"].Value : text;
                entities.Add((s, plain.Length, m.Groups["type"].Value, m.Groups["sub"].Success ? m.Groups["sub"].Value : null,
                    m.Groups["country"].Success ? m.Groups["country"].Value : null, name));
            }
            else
            {
                int s = plain.Length;
                plain.Append(m.Groups["ttext"].Value);
                times.Add((s, plain.Length, m.Groups["value"].Value));
            }
        }
        plain.Append(marked, last, marked.Length - last);
        var input = new ArticleInput { Title = title, Body = plain.ToString(), Published = published ?? new DateOnly(2024, 3, 10) };
        var doc = new AnalysisPipelineBuilder().Build().Analyze(input);
        int offset = doc.BodyRange.Start;
        var byName = new Dictionary<string, EntityAnnotation>();
        foreach (var (start, end, type, sub, country, name) in entities)
        {
            // A mention does not include a clitic ل/ب/و the entity stage would leave outside.
            if (!byName.TryGetValue(name, out var e))
            {
                e = new EntityAnnotation
                {
                    Id = "e" + (doc.Entities.Count + 1),
                    Type = type,
                    Subtype = sub ?? (type == "PER" ? "person" : type == "ORG" ? "organisation" : null),
                    Name = name,
                    Country = country,
                    Key = sub == "country" && country is not null ? "iso3166:" + country : null,
                };
                byName[name] = e;
                doc.Entities.Add(e);
            }
            e.Mentions.Add(new SpanText(start + offset, end + offset, doc.Text[(start + offset)..(end + offset)]));
        }
        foreach (var (start, end, value) in times)
            doc.Times.Add(new TimeAnnotation { Start = start + offset, End = end + offset, Text = doc.Text[(start + offset)..(end + offset)], Value = value, Anchor = "absolute" });
        return doc;
    }

    /// <summary>Runs the given stages on a document built by <see cref="Analyze"/>.</summary>
    public static AnalyzedDocument Run(AnalyzedDocument doc, params IAnalysisStage[] stages)
    {
        foreach (var s in stages) s.Process(doc, CancellationToken.None);
        return doc;
    }

    public static string NameOf(AnalyzedDocument doc, string? id) =>
        id is null ? "-" : doc.Entities.First(e => e.Id == id).Name;
}
