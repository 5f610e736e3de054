using System.Diagnostics;
using Marsad.Ingest;

namespace Marsad.Store.Tests;

/// <summary>
/// Issue 14, item 2: one writer per archive across processes, a reader that sees other processes'
/// commits, and never one document twice. The second writers are real <c>marsad</c> processes.
/// </summary>
public sealed class WritersTests : TempArchive
{
    private readonly string _inputs = Directory.CreateTempSubdirectory("marsad-writers-").FullName;

    public override void Dispose()
    {
        try { Directory.Delete(_inputs, recursive: true); } catch (IOException) { }
        base.Dispose();
    }

    private string Lines(string name, int from, int count)
    {
        string file = Path.Combine(_inputs, name);
        File.WriteAllLines(file, Enumerable.Range(from, count).Select(IngestTests.JsonLine));
        return file;
    }

    private static (int Code, string Err) Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "marsad.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the CLI did not finish");
        return (p.ExitCode, err.Result);
    }

    [Fact]
    public async Task A_second_writer_stops_before_touching_anything_naming_the_process()
    {
        string file = Lines("a.jsonl", 1, 40);
        using var holder = MarsadArchive.Open(DataDir);
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        // This process's ingest holds the archive while a second process tries to ingest into it.
        IEnumerable<IngestItem> Slow()
        {
            foreach (var item in ArticleSources.Read([file]))
            {
                started.Set();
                gate.Wait();
                yield return item;
            }
        }
        var run = Task.Run(() => holder.Ingest(Slow(), Small));
        Assert.True(started.Wait(30_000));
        var before = Directory.GetFiles(Path.Combine(DataDir, "index")).Select(f => (f, new FileInfo(f).Length)).ToList();
        var (code, err) = Cli("ingest", file, "--data", DataDir, "--quiet");
        Assert.True(code == 4, err);
        Assert.Contains($"archive in use by process {Environment.ProcessId}", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(DataDir, "index")).Select(f => (f, new FileInfo(f).Length)).ToList());
        gate.Set();
        Assert.Equal(40, (await run).Stored);
        // Once the first has finished, the second may write.
        var (again, _) = Cli("ingest", Lines("b.jsonl", 41, 5), "--data", DataDir, "--quiet");
        Assert.Equal(0, again);
        Assert.Equal(45, holder.Count);
    }

    [Fact]
    public void An_open_archive_sees_another_process_ingest_and_never_counts_a_document_twice()
    {
        using var server = MarsadArchive.Open(DataDir);
        Assert.Equal(2, server.Ingest(Enumerable.Range(1, 2).Select(n => Article(Corpus.Title(n), Corpus.Body(n), "2024-01-01")), Small).Stored);
        Assert.Equal(2, server.Search(new SearchRequest()).Total);

        // A CLI ingest (another process) while the archive stays open, as beside `marsad serve`.
        var (code, err) = Cli("ingest", Lines("c.jsonl", 3, 10), "--data", DataDir, "--quiet");
        Assert.True(code == 0, err);
        var sw = Stopwatch.StartNew();
        while (server.Search(new SearchRequest()).Total != 12 && sw.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(50);
        Assert.Equal(12, server.Search(new SearchRequest()).Total);

        // The open archive then stores one of those again (a POST of the same article): still one entry.
        var again = Article(Corpus.Title(5), Corpus.Body(5), "2018-02-06");
        server.Ingest([again], Small);
        var all = server.Search(new SearchRequest { Limit = 100 });
        Assert.Equal(12, all.Total);
        Assert.Equal(all.Hits.Count, all.Hits.Select(h => h.Id).Distinct().Count());
        Assert.True(ArchiveHealth.Check(DataDir).Clean, string.Join("; ", ArchiveHealth.Check(DataDir).Problems));
    }
}
