using System.Text.Json.Nodes;
using Json.Schema;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Store.Tests.Export;

/// <summary>The PLOVER JSON Lines validated, field by field, against the JSON Schema written from the PLOVER data description (docs/schema).</summary>
public sealed class PloverSchemaTests : TempArchive
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plover-event.schema.json")));

    private static EvaluationResults Check(JsonNode node) =>
        Schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void Every_record_and_every_field_matches_the_schema()
    {
        using (var archive = MarsadArchive.Open(DataDir))
            archive.Ingest([ExportArticles.Casablanca, ExportArticles.Mogadishu, ExportArticles.Cairo, ExportArticles.Lima, ExportArticles.MogadishuToll], Small);
        using var store = MarsadStores.Open(DataDir);
        var events = store.LoadEvents(new MergedEventFilter(), withSources: true);
        var w = new StringWriter();
        EventExport.Write(w, "plover", store, events);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count, lines.Length); // one event per line

        var properties = Schema.GetProperties()!.Keys.ToList();
        Assert.Contains("cite_info", properties);
        foreach (var line in lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var result = Check(node);
            Assert.True(result.IsValid, Errors(result) + "\n" + line);
            // Field by field: each field is required, and a value of the wrong type is refused.
            foreach (var field in properties)
            {
                Assert.True(node.ContainsKey(field), $"{field} missing in {line}");
                var without = node.DeepClone().AsObject();
                without.Remove(field);
                Assert.False(Check(without).IsValid, $"a record without {field} passed");
                var wrong = node.DeepClone().AsObject();
                wrong[field] = new JsonObject { ["not"] = "this" };
                Assert.False(Check(wrong).IsValid, $"{field} as an object passed");
            }
        }

        var attack = JsonNode.Parse(lines.Single(l => l.Contains("\"ASSAULT\"", StringComparison.Ordinal) && l.Contains("\"dead\":15", StringComparison.Ordinal)))!;
        Assert.Equal("SOM", (string?)attack["event_loc"]!["country_code"]);
        Assert.Equal("https://news.example/b/2024-03-08", (string?)attack["cite_info"]!["url"]);
        Assert.Equal("b", (string?)attack["cite_info"]!["publisher"]);
        Assert.True(attack["sources"]!.AsArray().Count >= 2);
        // The offsets point into the document's stored text at the trigger.
        var source = attack["sources"]![0]!;
        int start = (int)source["trigger_start"]!, end = (int)source["trigger_end"]!;
        Assert.True(end > start && (int)source["event_text_start"]! <= start && end <= (int)source["event_text_end"]!);
    }
}
