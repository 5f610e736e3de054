using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marsad.Store.Postgres.Tests;

/// <summary>The real CLI (marsad.dll, a child process) with <c>--store postgres://…</c>, <c>--data</c> and <c>$MARSAD_STORE</c>.</summary>
public sealed class CliStoreTests
{
    private sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static Result Marsad(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment.Remove("MARSAD_STORE");
        psi.Environment.Remove("MARSAD_DATA");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "marsad.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("marsad did not finish in 3 minutes: " + string.Join(' ', args));
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string WriteInput()
    {
        var dir = Directory.CreateTempSubdirectory("marsad-pgcli-").FullName;
        var path = Path.Combine(dir, "articles.jsonl");
        File.WriteAllLines(path, Articles.All.Select(a => JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["title"] = a.Title, ["text"] = a.Body, ["time"] = a.Published?.ToString("yyyy-MM-dd"), ["src"] = a.Outlet, ["cat"] = a.Category,
        })), new UTF8Encoding(false));
        return path;
    }

    [PgFact]
    public void Ingest_and_search_take_a_postgres_url_by_store_data_and_the_environment()
    {
        using var db = PgServer.CreateDatabase();
        var input = WriteInput();
        try
        {
            var ingest = Marsad(null, "ingest", input, "--store", db.Url);
            Assert.True(ingest.ExitCode == 0, ingest.Stderr + ingest.Stdout);
            Assert.Contains($"{Articles.All.Count} documents", ingest.Stdout);
            Assert.DoesNotContain(":marsad@", ingest.Stdout + ingest.Stderr); // the password is hidden

            var byStore = Marsad(null, "search", "الأسعار", "--store", db.Url, "--format", "json");
            Assert.True(byStore.ExitCode == 0, byStore.Stderr + byStore.Stdout);
            var hits = JsonNode.Parse(byStore.Stdout)!["hits"]!.AsArray();
            Assert.NotEmpty(hits);
            Assert.All(hits, h => Assert.Contains(Articles.All, a => a.Title == (string?)h!["title"]));

            var byData = Marsad(null, "search", "الأسعار", "--data", db.Url, "--format", "json");
            var byEnv = Marsad(new Dictionary<string, string> { ["MARSAD_STORE"] = db.Url }, "search", "الأسعار", "--format", "json");
            Assert.Equal(byStore.ExitCode, byData.ExitCode);
            Assert.Equal(Ids(byStore.Stdout), Ids(byData.Stdout));
            Assert.Equal(Ids(byStore.Stdout), Ids(byEnv.Stdout));

            var check = Marsad(null, "check", "--store", db.Url);
            Assert.True(check.ExitCode == 0, check.Stderr + check.Stdout);
        }
        finally { Directory.Delete(Path.GetDirectoryName(input)!, recursive: true); }
    }

    private static List<string> Ids(string json) => JsonNode.Parse(json)!["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();

    [PgFact]
    public void A_refused_connection_and_a_missing_archive_are_clear_errors_without_the_password()
    {
        // Nothing listens on port 1: the connection is refused.
        var refused = Marsad(null, "search", "x", "--store", "postgres://marsad:s3cret-pw@127.0.0.1:1/none");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("postgres://marsad:***@127.0.0.1:1/none", refused.Stderr);
        Assert.Contains("cannot open the PostgreSQL archive", refused.Stderr);
        Assert.DoesNotContain("s3cret-pw", refused.Stderr + refused.Stdout);

        var bad = Marsad(null, "search", "x", "--store", "postgres://marsad:s3cret-pw@/");
        Assert.Equal(2, bad.ExitCode);
        Assert.DoesNotContain("s3cret-pw", bad.Stderr + bad.Stdout);

        using var db = PgServer.CreateDatabase();
        var empty = Marsad(null, "search", "x", "--store", db.Url);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no archive in this database", empty.Stderr);
    }
}
