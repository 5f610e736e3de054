using System.CommandLine;
using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad show ID [--format text|json]</c>: one stored document with its analysis.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "A document id (as printed by search)." };
        var data = ArchiveOptions.Data();
        var format = new Option<string>("--format", "-f") { Description = "text, or json (the marsad.analysis/1 contract).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("show", "Print one stored document with its analysis.") { id, data, format };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            string docId = r.GetValue(id)!.Trim();
            using var archive = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            var doc = archive.GetDocument(docId) ?? throw new InputException(docId, "no document with this id in the archive");
            var analysis = archive.GetAnalysis(docId)!;
            if (r.GetValue(format) == "json")
            {
                Console.Out.Write(analysis.ToJson() + "\n");
                return CliErrors.Ok;
            }
            var meta = new List<string> { $"id {doc.Id}", doc.Published?.ToString("yyyy-MM-dd") ?? "undated" };
            if (doc.Outlet is not null) meta.Add(doc.Outlet);
            if (doc.Category is not null) meta.Add(doc.Category);
            if (doc.Author is not null) meta.Add(doc.Author);
            if (doc.ExternalId is not null) meta.Add($"external id {doc.ExternalId}");
            Console.Out.WriteLine(string.Join(" · ", meta));
            if (doc.Url is not null) Console.Out.WriteLine($"url {doc.Url}");
            if (doc.ClusterId is not null)
            {
                var cluster = archive.GetCluster(doc.ClusterId);
                Console.Out.WriteLine($"story cluster {doc.ClusterId}: {cluster.Count} documents ({string.Join(", ", cluster.Where(c => c != doc.Id).Take(10))})");
            }
            Console.Out.WriteLine();
            Console.Out.WriteLine(doc.Text);
            Console.Out.WriteLine();
            Console.Out.Write(AnalyzeCommand.Summary(analysis));
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
