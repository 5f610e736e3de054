using System.CommandLine;
using Marsad.Store;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad check [--data DIR]</c>: reads marsad.db and the index without changing them and names
/// what is wrong (exit 0 clean, 3 damaged); <c>marsad repair [--data DIR]</c> rebuilds the index from marsad.db.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var cmd = new Command("check", "Check an archive: SQLite integrity, the Lucene index, and that both hold the same documents once (or, with --store postgres://…, that documents, mentions, events and search terms agree). Changes nothing.") { data };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            if (Store.Postgres.PostgresUrl.IsPostgres(r.GetValue(data))) return PostgresCommands.Check(r.GetValue(data)!);
            var report = MarsadStores.Check(r.GetValue(data)!);
            foreach (var p in report.Problems) Console.Error.WriteLine($"marsad: {p}");
            Console.Out.WriteLine(report.Clean
                ? $"archive {Where(r.GetValue(data)!)}: clean · {report.Documents:N0} documents, {report.IndexEntries:N0} index entries"
                : $"archive {Where(r.GetValue(data)!)}: {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")} (`marsad repair` rebuilds the index from marsad.db)");
            return report.Clean ? CliErrors.Ok : CliErrors.Damaged;
        }));
        return cmd;
    }

    public static Command CreateRepair()
    {
        var data = ArchiveOptions.Data();
        var cmd = new Command("repair", "Rebuild the archive's search index from marsad.db (the source of truth), e.g. after `marsad check` found it damaged.") { data };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            long n = MarsadStores.Repair(r.GetValue(data)!);
            Console.Out.WriteLine($"archive {Where(r.GetValue(data)!)}: index rebuilt · {n:N0} documents");
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>A folder in full, a URL without its password.</summary>
    private static string Where(string location) => MarsadStores.SchemeOf(location) is null ? Path.GetFullPath(location) : MarsadStores.Redact(location);
}
