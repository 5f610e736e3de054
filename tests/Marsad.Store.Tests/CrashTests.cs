using System.Diagnostics;
using Marsad.Store;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Tests;

/// <summary>
/// Kills a real <c>marsad ingest</c> process (SIGKILL) in the middle of its work, then checks that
/// the archive reopens, holds only whole documents with a matching index, and that re-running the
/// same ingest completes it.
/// </summary>
public sealed class CrashTests : TempArchive
{
    private const int Articles = 3000;

    [Fact]
    public void Killed_ingest_leaves_whole_documents_and_rerun_completes()
    {
        string inputs = Directory.CreateTempSubdirectory("marsad-crash-").FullName;
        try
        {
            string file = Path.Combine(inputs, "many.jsonl");
            File.WriteAllLines(file, Enumerable.Range(1, Articles).Select(IngestTests.JsonLine));
            string cli = Path.Combine(AppContext.BaseDirectory, "marsad.dll");
            Assert.True(File.Exists(cli), $"the CLI is built next to the tests: {cli}");

            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "ingest", file, "--data", DataDir, "--batch", "100", "--quiet" }) psi.ArgumentList.Add(a);
            using var child = Process.Start(psi)!;
            child.OutputDataReceived += (_, _) => { };
            child.ErrorDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();

            // Wait until some batches are committed, then kill -9 while it is still going.
            var sw = Stopwatch.StartNew();
            long seen = 0;
            while (sw.Elapsed < TimeSpan.FromSeconds(90) && !child.HasExited)
            {
                seen = CountRows();
                if (seen >= 200) break;
                Thread.Sleep(20);
            }
            Assert.False(child.HasExited, $"the ingest finished before it could be killed ({seen} rows)");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            long atKill = CountRows();
            Assert.InRange(atKill, 200, Articles - 1);

            using (var archive = MarsadArchive.Open(DataDir))
            {
                long count = archive.Count;
                // Whole documents only: each has its text, analysis and title; the index matches SQLite.
                foreach (var d in archive.EnumerateDocuments())
                {
                    var analysis = archive.GetAnalysis(d.Id);
                    Assert.NotNull(analysis);
                    Assert.Equal(d.Text, analysis!.Text);
                    Assert.StartsWith(d.Title, d.Text);
                    Assert.EndsWith(".", d.Text);
                }
                Assert.Equal(count, archive.Search(new SearchRequest { Limit = 0 }).Total);
                var rerun = archive.Ingest(Ingest.ArticleSources.Read([file]), new IngestOptions { Workers = 2 });
                Assert.Equal(Articles, archive.Count);
                Assert.Equal(Articles - count, rerun.Stored);
                Assert.Equal(count, rerun.Duplicates);
                Assert.Equal(Articles, archive.Search(new SearchRequest { Limit = 0 }).Total);
            }
        }
        finally
        {
            Directory.Delete(inputs, true);
        }
    }

    private long CountRows()
    {
        string db = Path.Combine(DataDir, "marsad.db");
        if (!File.Exists(db)) return 0;
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM documents";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException) { return 0; }
    }
}
