using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Marsad.Store.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: <c>MARSAD_TEST_PG</c> (a postgres:// URL whose role may
/// create databases). Without it the tests skip, with one reason saying how to run them; in CI
/// (<c>CI</c> or <c>MARSAD_REQUIRE_PG=1</c>, which <c>.ci/run</c> sets) they run and fail instead.
/// </summary>
public static class PgServer
{
    public static string? Url { get; } = Environment.GetEnvironmentVariable("MARSAD_TEST_PG") is { Length: > 0 } u ? u : null;

    public static bool Required { get; } = Environment.GetEnvironmentVariable("MARSAD_REQUIRE_PG") == "1"
        || Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    public const string SkipReason =
        "no PostgreSQL: set MARSAD_TEST_PG=postgres://USER:PASS@HOST:PORT/DB (a role that may create databases), e.g. MARSAD_TEST_PG=$(tools/pg-cluster.sh start /tmp/pg 55432)";

    /// <summary>A new empty database for one test, dropped when disposed.</summary>
    public static TestDatabase CreateDatabase()
    {
        if (Url is null) throw new InvalidOperationException("PostgreSQL tests are required here (CI / MARSAD_REQUIRE_PG=1) but MARSAD_TEST_PG is not set");
        return new TestDatabase(Url);
    }
}

/// <summary>
/// A test that needs the server: run when one is given (<see cref="PgServer"/>) or required (CI);
/// otherwise not listed at all, so the run reports one skipped test, <see cref="ServerTests"/>, with the reason.
/// </summary>
[XunitTestCaseDiscoverer("Marsad.Store.Postgres.Tests.PgFactDiscoverer", "Marsad.Store.Postgres.Tests")]
public sealed class PgFactAttribute : FactAttribute;

public sealed class PgFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        PgServer.Url is not null || PgServer.Required ? base.Discover(discoveryOptions, testMethod, factAttribute) : [];
}

/// <summary>The one line a run without a server shows: this test, skipped, named by how to run the PostgreSQL tests.</summary>
public sealed class ServerFactAttribute : FactAttribute
{
    public ServerFactAttribute()
    {
        if (PgServer.Url is not null || PgServer.Required) return;
        Skip = PgServer.SkipReason;
        DisplayName = "PostgreSQL tests not run: " + PgServer.SkipReason;
    }
}

public sealed class ServerTests
{
    [ServerFact]
    public void The_test_server_answers_and_may_create_databases()
    {
        using var db = PgServer.CreateDatabase();
        using var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url));
        c.Open();
        Assert.True(c.PostgreSqlVersion.Major >= 13, $"PostgreSQL {c.PostgreSqlVersion} is older than 13");
    }
}

public sealed class TestDatabase : IDisposable
{
    private readonly string _admin;
    public string Name { get; } = "marsad_t_" + Guid.NewGuid().ToString("N")[..12];
    public string Url { get; }

    public TestDatabase(string serverUrl)
    {
        _admin = PostgresUrl.ToConnectionString(serverUrl);
        using (var c = new NpgsqlConnection(_admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {Name}", c); // a generated name, not input
            cmd.ExecuteNonQuery();
        }
        var uri = new UriBuilder(serverUrl) { Path = "/" + Name };
        Url = uri.Uri.ToString();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(_admin);
        c.Open();
        // FORCE cannot end a superuser's session on the database (autovacuum may be visiting it): try again a little later.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
                cmd.ExecuteNonQuery();
                return;
            }
            catch (PostgresException) when (attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }
}
