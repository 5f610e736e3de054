using System.CommandLine;
using Marsad.Ingest;
using Marsad.Store;
using Marsad.Store.Postgres;

namespace Marsad.Cli.Commands;

/// <summary>
/// The PostgreSQL archive's queue: <c>marsad enqueue INPUT… --store postgres://…</c> splits inputs into
/// batches in the database; <c>marsad worker --store postgres://…</c> (as many as wanted, on any machine)
/// claims and ingests them until none is left. <c>marsad check --store postgres://…</c> verifies the database.
/// </summary>
public static class PostgresCommands
{
    /// <summary><c>--store URL</c>: a PostgreSQL archive (default <c>$MARSAD_STORE</c>).</summary>
    public static Option<string> Store(bool required) => new("--store")
    {
        Description = "The PostgreSQL archive, postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $MARSAD_STORE).",
        Required = required && Environment.GetEnvironmentVariable("MARSAD_STORE") is not { Length: > 0 },
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MARSAD_STORE") ?? "",
    };

    private static PostgresArchive Open(string url)
    {
        if (!PostgresUrl.IsPostgres(url)) throw new InputException("--store", $"'{PostgresUrl.Redact(url)}' is not a postgres:// URL");
        // The store's open: a bad URL is an input error, a refused connection or login a clear store error (exit 2), password hidden.
        return PostgresStore.Open(url).Archive;
    }

    public static Command CreateEnqueue()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files or folders to read (as `marsad ingest` reads them).", Arity = ArgumentArity.OneOrMore };
        var store = Store(required: true);
        var batch = new Option<int>("--batch") { Description = "Articles per queued batch.", DefaultValueFactory = _ => 200 };
        var limit = new Option<long>("--limit") { Description = "Queue at most this many articles (0: all)." };
        var cmd = new Command("enqueue", "Split inputs into batches in a PostgreSQL archive's queue, for `marsad worker` processes to ingest.") { inputs, store, batch, limit };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            using var archive = Open(r.GetValue(store)!);
            var queue = new PostgresQueue(archive);
            long max = r.GetValue(limit);
            foreach (var input in r.GetValue(inputs)!)
            {
                var items = ArticleSources.Read([input], new ReaderOptions());
                if (max > 0) items = items.Take((int)Math.Min(max, int.MaxValue));
                var s = queue.Enqueue(items, Path.GetFullPath(input), Math.Max(1, r.GetValue(batch)));
                Console.WriteLine($"{input}: {s.Articles:N0} articles in {s.Batches:N0} new batches ({s.AlreadyQueued:N0} queued before) · rejected {s.Rejected:N0}");
            }
            var st = queue.State();
            Console.WriteLine($"queue {archive.Url}: {st.Pending:N0} pending, {st.Claimed:N0} being ingested, {st.Done:N0} done");
            return CliErrors.Ok;
        }));
        return cmd;
    }

    public static Command CreateWorker()
    {
        var store = Store(required: true);
        var workers = new Option<int>("--workers") { Description = "Analysis threads.", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };
        var batch = new Option<int>("--batch") { Description = "Documents per transaction.", DefaultValueFactory = _ => 100 };
        var lease = new Option<int>("--lease") { Description = "Seconds a claimed batch stays this worker's without renewal (renewed every third).", DefaultValueFactory = _ => 120 };
        var name = new Option<string>("--name") { Description = "This worker's name in the queue.", DefaultValueFactory = _ => $"{Environment.MachineName}:{Environment.ProcessId}" };
        var cmd = new Command("worker", "Claim batches from a PostgreSQL archive's queue and ingest them until none is pending.") { store, workers, batch, lease, name };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(() => Task.FromResult(RunWorker(r, store, workers, batch, lease, name, ct))));
        return cmd;
    }

    private static int RunWorker(ParseResult r, Option<string> store, Option<int> workers, Option<int> batch, Option<int> lease, Option<string> name, CancellationToken ct)
    {
        using var archive = Open(r.GetValue(store)!);
        var queue = new PostgresQueue(archive) { Lease = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(lease))) };
        var options = new IngestOptions { Workers = Math.Max(1, r.GetValue(workers)), BatchSize = Math.Max(1, r.GetValue(batch)) };
        string me = r.GetValue(name)!;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var steps = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var s = queue.Work(me, options, (c, b) =>
        {
            // A batch is not a run: its "settle events" is zero, the worker settles once at the end (s.Settle).
            foreach (var (step, t) in b.StepTimes.Where(kv => kv.Key != PostgresArchive.SettleStep)) steps[step] = steps.GetValueOrDefault(step) + t;
            Console.Error.WriteLine($"marsad: worker {me}: batch {c.Id}{(c.TakenOver ? " (taken over)" : "")}: stored {b.Stored}, duplicates {b.Duplicates}, rejected {b.RejectedCount}");
        }, ct);
        Console.WriteLine($"worker {me}: {s.Batches:N0} batches ({s.TakenOver:N0} taken over) · stored {s.Stored:N0} · duplicates {s.Duplicates:N0} · rejected {s.Rejected:N0} · {sw.Elapsed.TotalSeconds:0.0} s ({s.Stored / Math.Max(0.001, sw.Elapsed.TotalSeconds):0.0} articles/s)");
        if (steps.Count > 0) steps[PostgresArchive.SettleStep] = s.Settle;
        if (steps.Count > 0) Console.WriteLine($"worker {me}: wall time per step: {string.Join(", ", steps.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.0} s"))}");
        return CliErrors.Ok;
    }

    public static Command CreateMigrate()
    {
        var from = new Option<string>("--from") { Description = "The embedded archive folder to copy (default: $MARSAD_DATA or ./marsad-data).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MARSAD_DATA") is { Length: > 0 } d ? d : "./marsad-data" };
        var to = new Option<string>("--to")
        {
            Description = "The PostgreSQL archive, postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $MARSAD_STORE).",
            Required = Environment.GetEnvironmentVariable("MARSAD_STORE") is not { Length: > 0 },
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MARSAD_STORE") ?? "",
        };
        var workers = new Option<int>("--workers") { Description = "Analysis threads.", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };
        var batch = new Option<int>("--batch") { Description = "Documents per transaction.", DefaultValueFactory = _ => 200 };
        var cmd = new Command("migrate", "Copy an embedded archive into a PostgreSQL archive (resumable: run it again to finish a stopped copy).") { from, to, workers, batch };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(() =>
        {
            using var source = ArchiveOptions.OpenExisting(r.GetValue(from)!);
            using var target = Open(r.GetValue(to)!);
            var options = new IngestOptions { Workers = Math.Max(1, r.GetValue(workers)), BatchSize = Math.Max(1, r.GetValue(batch)) };
            var progress = new Progress<IngestProgress>(p => Console.Error.WriteLine($"marsad: migrate: read {p.Read:N0} · copied {p.Stored:N0} · already there {p.Duplicates:N0}"));
            var m = PostgresMigration.Copy(source, target, options, progress, ct);
            Console.WriteLine($"migrate {Path.GetFullPath(r.GetValue(from)!)} → {target.Url}: {m.Source:N0} documents · copied {m.Copied:N0} · already there {m.AlreadyThere:N0} · rejected {m.Rejected:N0} · {m.TargetCount:N0} in the target · {m.Elapsed.TotalSeconds:0.0} s");
            return Task.FromResult(m.Rejected == 0 && m.TargetCount >= m.Source ? CliErrors.Ok : CliErrors.Damaged);
        }));
        return cmd;
    }

    /// <summary>What <c>marsad check --store postgres://…</c> prints; exit 3 when a rule is broken.</summary>
    public static int Check(string url)
    {
        using var archive = Open(url);
        var report = archive.Check();
        foreach (var p in report.Problems) Console.Error.WriteLine($"marsad: {p}");
        Console.WriteLine(report.Ok
            ? $"archive {archive.Url}: clean · {report.Documents:N0} documents; mentions, entity keys, times, events, merged events, search terms, clusters and bands agree"
            : $"archive {archive.Url}: {report.Problems.Count} problem(s)");
        return report.Ok ? CliErrors.Ok : CliErrors.Damaged;
    }
}
