using System.Globalization;
using Marsad.Analysis;
using Marsad.Extraction.Events;
using Marsad.Extraction.Relations;
using Marsad.Text;

namespace Marsad.Extraction.Tests.Events;

/// <summary>One case of a spec file (events.spec.md, relations.spec.md): marked text and expectations.</summary>
public sealed record SpecCase(string File, string Name, string Text, DateOnly? Published, List<string> Expectations)
{
    public override string ToString() => Name;

    public static IEnumerable<SpecCase> Load(string relativePath)
    {
        string path = Path.Combine(AppContext.BaseDirectory, relativePath);
        SpecCase? current = null;
        var text = new List<string>();
        foreach (var raw in System.IO.File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null) yield return current with { Text = string.Join("\n", text) };
                current = new SpecCase(relativePath, line[3..].Trim(), "", null, []);
                text.Clear();
            }
            else if (current is null) continue;
            else if (line.StartsWith("> ", StringComparison.Ordinal)) text.Add(line[2..]);
            else if (line.StartsWith("published: ", StringComparison.Ordinal))
                current = current with { Published = DateOnly.ParseExact(line["published: ".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture) };
            else if (line.StartsWith("- ", StringComparison.Ordinal)) current.Expectations.Add(line[2..]);
        }
        if (current is not null) yield return current with { Text = string.Join("\n", text) };
    }
}

public class SpecTests
{
    public static TheoryData<string> EventCases() => Names("Events/events.spec.md");

    public static TheoryData<string> ArgumentCases() => Names("Events/arguments.spec.md");

    public static TheoryData<string> AttributeCases() => Names("Events/attributes.spec.md");

    public static TheoryData<string> RelationCases() => Names("Relations/relations.spec.md");

    private static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in SpecCase.Load(file)) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EventCases))]
    public void Event_case(string name) => Check("Events/events.spec.md", name);

    [Theory]
    [MemberData(nameof(ArgumentCases))]
    public void Argument_case(string name) => Check("Events/arguments.spec.md", name);

    [Theory]
    [MemberData(nameof(AttributeCases))]
    public void Attribute_case(string name) => Check("Events/attributes.spec.md", name);

    [Theory]
    [MemberData(nameof(RelationCases))]
    public void Relation_case(string name) => Check("Relations/relations.spec.md", name);

    private static void Check(string file, string name)
    {
        var c = SpecCase.Load(file).Single(x => x.Name == name);
        var doc = MarkedText.Run(MarkedText.Analyze(c.Text, c.Published), new EventStage(), new RelationStage());
        Assert.NotEmpty(c.Expectations);
        foreach (var e in c.Expectations)
            CheckOne(doc, e);
    }

    private static void CheckOne(AnalyzedDocument doc, string expectation)
    {
        var parts = expectation.Split(" | ");
        var head = parts[0].Split(' ', 2);
        string dump = Dump(doc);
        switch (head[0])
        {
            case "events":
                Assert.True(doc.Events.Count == int.Parse(head[1], CultureInfo.InvariantCulture), $"expected {head[1]} events:\n{dump}");
                break;
            case "no":
                Assert.True(doc.Events.All(v => v.Type != head[1]), $"expected no {head[1]}:\n{dump}");
                break;
            case "event":
            {
                var tm = head[1].Split('/');
                var fields = Fields(parts);
                bool ok = doc.Events.Any(v => v.Type == tm[0] && (tm.Length < 2 || v.Mode == tm[1]) && fields.All(f => EventField(doc, v, f.Key, f.Value)));
                Assert.True(ok, $"no event matches «{expectation}»:\n{dump}");
                break;
            }
            case "relation":
            {
                var fields = Fields(parts);
                bool ok = doc.Relations.Any(r => r.Type == head[1] && fields.All(f => RelationField(doc, r, f.Key, f.Value)));
                Assert.True(ok, $"no relation matches «{expectation}»:\n{dump}");
                break;
            }
            case "relations":
            {
                var typeCount = head[1].Split(' ');
                int n = doc.Relations.Count(r => r.Type == typeCount[0]);
                Assert.True(n == int.Parse(typeCount[1], CultureInfo.InvariantCulture), $"expected {typeCount[1]} {typeCount[0]}, got {n}:\n{dump}");
                break;
            }
            default:
                throw new InvalidOperationException($"unknown expectation '{expectation}'");
        }
    }

    private static Dictionary<string, string> Fields(string[] parts) =>
        parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());

    private static string N(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Matching);

    private static bool Names(AnalyzedDocument doc, IEnumerable<string> ids, string want) =>
        want.Split(',').All(w => ids.Any(id => N(MarkedText.NameOf(doc, id)) == N(w.Trim())));

    private static bool EventField(AnalyzedDocument doc, EventAnnotation v, string key, string want) => key switch
    {
        "actors" => Names(doc, v.Actors, want),
        "targets" => Names(doc, v.Targets, want),
        "location" => want == "-" ? v.Location is null : v.Location is not null && N(MarkedText.NameOf(doc, v.Location)) == N(want),
        "time" => want == "-" ? v.Time is null : v.Time == want,
        "ordinal" => v.Ordinal?.ToString(CultureInfo.InvariantCulture) == want,
        "participants" => v.Participants?.ToString(CultureInfo.InvariantCulture) == want,
        "fatalities" => want == "-" ? v.Fatalities is null : v.Fatalities?.ToString(CultureInfo.InvariantCulture) == want,
        "not_targets" => !want.Split(',').Any(w => v.Targets.Any(id => N(MarkedText.NameOf(doc, id)) == N(w.Trim()))),
        "not_actors" => !want.Split(',').Any(w => v.Actors.Any(id => N(MarkedText.NameOf(doc, id)) == N(w.Trim()))),
        "geo" => (v.GeoPrecision ?? "-") == want,
        "injured" => v.Injured?.ToString(CultureInfo.InvariantCulture) == want,
        "modality" => v.Modality == want,
        "context" => v.Context == want,
        _ => throw new InvalidOperationException($"unknown event field {key}"),
    };

    private static bool RelationField(AnalyzedDocument doc, RelationAnnotation r, string key, string want) => key switch
    {
        "subject" => N(MarkedText.NameOf(doc, r.Subject)) == N(want),
        "object" => want == "-" ? r.Object is null : r.Object is not null && N(MarkedText.NameOf(doc, r.Object)) == N(want),
        "value" => r.Value is not null && N(Convert.ToString(r.Value, CultureInfo.InvariantCulture)!) == N(want),
        _ => throw new InvalidOperationException($"unknown relation field {key}"),
    };

    private static string Dump(AnalyzedDocument doc)
    {
        string Ns(IEnumerable<string> ids) => string.Join(",", ids.Select(id => MarkedText.NameOf(doc, id)));
        var lines = doc.Events.Select(v =>
            $"  {v.Type}/{v.Mode} «{v.Trigger.Text}» actors={Ns(v.Actors)} targets={Ns(v.Targets)} loc={MarkedText.NameOf(doc, v.Location)} time={v.Time} ord={v.Ordinal} part={v.Participants} fat={v.Fatalities} inj={v.Injured} {v.Modality} ctx={v.Context}")
            .Concat(doc.Relations.Select(r => $"  rel {r.Type} {MarkedText.NameOf(doc, r.Subject)} -> {MarkedText.NameOf(doc, r.Object)} {r.Value}"));
        return string.Join("\n", lines);
    }
}
