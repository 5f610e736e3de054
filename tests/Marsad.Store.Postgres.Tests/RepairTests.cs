using Npgsql;

namespace Marsad.Store.Postgres.Tests;

public sealed class RepairTests
{
    [PgFact]
    public void Repair_makes_search_terms_of_another_analyzer_again_and_check_then_passes()
    {
        using var db = PgServer.CreateDatabase();
        var provider = new PostgresStoreProvider();
        using (var store = provider.Open(db.Url, new StoreOpenOptions()))
            store.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2, BatchSize = 4 });
        using (var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url)))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("UPDATE documents SET terms = ''::tsvector, analyzer = 'an older analyzer' WHERE seq % 2 = 0", c);
            Assert.True(cmd.ExecuteNonQuery() > 0);
        }
        var damaged = provider.Check(db.Url);
        Assert.False(damaged.Clean);
        Assert.Contains(damaged.Problems, p => p.Contains("another analyzer"));

        long redone = provider.Repair(db.Url);
        Assert.Equal(Articles.All.Count / 2, redone);
        var report = provider.Check(db.Url);
        Assert.True(report.Clean, string.Join("; ", report.Problems));
        Assert.Equal(Articles.All.Count, report.Documents);
        using var again = provider.Open(db.Url, new StoreOpenOptions { MustExist = true });
        Assert.Equal(2, again.Search(new SearchRequest { Query = "الأمن المائي" }).Total);
        Assert.Equal(0, provider.Repair(db.Url));
    }
}
