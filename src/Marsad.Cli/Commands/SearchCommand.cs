using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marsad.Store;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad search "QUERY" [--from] [--to] [--source] [--category] [--limit] [--format]</c>.</summary>
public static class SearchCommand
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Words (all required), \"a phrase\", AND OR NOT, -word, title:word. Arabic spelling variants and clitics match." };
        var data = ArchiveOptions.Data();
        var from = new Option<string?>("--from") { Description = "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)." };
        var to = new Option<string?>("--to") { Description = "Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)." };
        var source = new Option<string?>("--source") { Description = "Only this outlet (e.g. alarabia)." };
        var category = new Option<string?>("--category") { Description = "Only this category." };
        var entity = new Option<string?>("--entity") { Description = "Only documents mentioning this entity key (e.g. iso3166:MA)." };
        var evt = new Option<string?>("--event") { Description = "Only documents with an event of this PLOVER type (e.g. PROTEST)." };
        var limit = new Option<int>("--limit", "-n") { Description = $"Results to show (at most {Store.Index.QueryLimits.MaxResults:N0}).", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("search", "Search the archive (BM25, Arabic-aware) with highlighted snippets and facets.") { query, data, from, to, source, category, entity, evt, limit, format };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            bool json = r.GetValue(format) == "json";
            bool ansi = !json && !Console.IsOutputRedirected;
            var request = new SearchRequest
            {
                Query = r.GetValue(query) ?? "",
                From = ArchiveOptions.ParseDate(r.GetValue(from), false, "--from"),
                To = ArchiveOptions.ParseDate(r.GetValue(to), true, "--to"),
                Source = r.GetValue(source),
                Category = r.GetValue(category),
                Entity = r.GetValue(entity),
                EventType = r.GetValue(evt),
                Limit = Math.Max(0, r.GetValue(limit)),
            };
            using var archive = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            var res = archive.Search(request);
            Console.Out.Write(json ? JsonSerializer.Serialize(JsonShape(res), Json) + "\n" : Text(res, ansi ? "\u001b[1;33m" : "[", ansi ? "\u001b[0m" : "]"));
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>
    /// The JSON of <c>search --format json</c>: the hits with their snippets as HTML (matched words in
    /// &lt;mark&gt;, the text escaped) and the facets beside them (docs: README, search).
    /// </summary>
    public static object JsonShape(SearchResults res) => new
    {
        res.Query,
        res.Total,
        Hits = res.Hits.Select(h => new
        {
            h.Id, h.Title, Snippet = h.Snippet.Render("<mark>", "</mark>", htmlEscape: true), h.Published, h.Source, h.Outlet, h.Category, h.Url, h.ClusterId, h.Score,
        }),
        Sources = Counts(res.Facets.Sources),
        Months = Counts(res.Facets.Months),
        Categories = Counts(res.Facets.Categories),
        res.ElapsedMs,
        Entities = res.Facets.Entities.Select(f => new { f.Value, f.Count, f.Label }),
    };

    private static IEnumerable<object> Counts(IReadOnlyList<FacetCount> facet) => facet.Select(f => new { f.Value, f.Count });

    public static string Text(SearchResults res, string pre = "[", string post = "]")
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"{res.Total:N0} result{(res.Total == 1 ? "" : "s")} for {res.Query} ({res.ElapsedMs:0.0} ms)");
        int i = 0;
        foreach (var h in res.Hits)
        {
            sb.AppendLine();
            sb.AppendLine($"{++i,3}. {h.Title}");
            var meta = new List<string> { h.Published?.ToString("yyyy-MM-dd") ?? "undated" };
            if (h.Outlet is not null) meta.Add(h.Outlet);
            if (h.Category is not null) meta.Add(h.Category);
            meta.Add($"id {h.Id}");
            if (h.ClusterId is not null) meta.Add($"story {h.ClusterId}");
            meta.Add($"score {h.Score:0.00}");
            sb.AppendLine($"     {string.Join(" · ", meta)}");
            if (h.Snippet.Text.Length > 0) sb.AppendLine($"     {h.Snippet.Render(pre, post)}");
        }
        if (res.Total > 0)
        {
            sb.AppendLine();
            Facet(sb, "sources", res.Facets.Sources);
            Facet(sb, "months", res.Facets.Months);
            Facet(sb, "categories", res.Facets.Categories);
        }
        return sb.ToString();
    }

    private static void Facet(System.Text.StringBuilder sb, string name, IReadOnlyList<FacetCount> values)
    {
        if (values.Count == 0) return;
        sb.AppendLine($"{name}: {string.Join(", ", values.Select(v => $"{v.Value} {v.Count:N0}"))}");
    }
}
