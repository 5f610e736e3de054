using System.CommandLine;
using System.Text;
using Marsad.Analysis;
using Marsad.Extraction;
using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad analyze FILE [--format json|text]</c>: the analysis contract of one article file.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An article file: plain text (title line, optional sub-title, body, dateline); - reads it from standard input." };
        var format = new Option<string>("--format", "-f") { Description = "json (the marsad.analysis/1 contract) or text (a summary for a person).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");
        var cmd = new Command("analyze", "Analyse one article and print its entities, times, quantities, events and relations.") { file, format };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            var path = r.GetValue(file)!;
            var input = path == ArticleSources.StdIn ? ReadStdIn() : TextArticleReader.ReadFile(path);
            var doc = MarsadPipeline.Default.Analyze(input);
            var contract = AnalysisContract.From(doc);
            Console.Out.Write(r.GetValue(format) == "json" ? contract.ToJson() + "\n" : Summary(contract));
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>One plain-text article from standard input (<c>marsad analyze -</c>).</summary>
    private static ArticleInput ReadStdIn()
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        if (buffer.Length == 0) throw new InputException("stdin", "empty input");
        if (buffer.Length > TextArticleReader.DefaultMaxBytes) throw new InputException("stdin", "too large for one article");
        return TextArticleReader.Parse(TextDecoder.Decode(buffer.ToArray(), "stdin", out _), "stdin");
    }

    /// <summary>A readable summary: the document, then one line per fact with its span.</summary>
    public static string Summary(AnalysisContract c)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{c.Document.Title}");
        if (c.Document.Subtitle is not null) sb.AppendLine($"  {c.Document.Subtitle}");
        sb.AppendLine($"id {c.Document.Id} · published {c.Document.Published ?? "unknown"} · {c.Text.Length} chars · {c.Sentences.Count} sentences");
        if (c.Document.Source is not null) sb.AppendLine($"source {c.Document.Source}");
        Section(sb, "entities", c.Entities, e => $"{e.Type,-3} {e.Name}{(e.NameEn is null ? "" : $" ({e.NameEn})")}{(e.Key is null ? "" : $" [{e.Key}]")} ×{e.Mentions.Count}");
        Section(sb, "times", c.Times, t => $"{t.Text} → {t.Value} ({t.Anchor}) @{t.Start}");
        Section(sb, "quantities", c.Quantities, q => $"{q.Text} → {q.Value}{(q.Unit is null ? "" : " " + q.Unit)} @{q.Start}");
        var names = c.Entities.ToDictionary(e => e.Id, e => e.Name);
        string N(string? id) => id is not null && names.TryGetValue(id, out var n) ? n : id ?? "-";
        Section(sb, "events", c.Events, v =>
            $"{v.Type}{(v.Mode is null ? "" : "/" + v.Mode)} «{v.Trigger.Text}» actors [{string.Join(", ", v.Actors.Select(N))}]"
            + (v.Targets.Count > 0 ? $" targets [{string.Join(", ", v.Targets.Select(N))}]" : "")
            + $" at {N(v.Location)} on {v.Time ?? "-"}" + (v.Modality == "asserted" ? "" : $" ({v.Modality})"));
        Section(sb, "relations", c.Relations, r => $"{r.Type}: {N(r.Subject)} → {(r.Object is null ? "" : N(r.Object))}{(r.Value is null ? "" : $" {r.Value}")}");
        return sb.ToString();
    }

    private static void Section<T>(StringBuilder sb, string name, List<T> items, Func<T, string> line)
    {
        sb.AppendLine($"{name}: {items.Count}");
        foreach (var item in items) sb.AppendLine("  " + line(item));
    }
}
