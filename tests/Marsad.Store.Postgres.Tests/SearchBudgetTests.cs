using Marsad.Store.Index;

namespace Marsad.Store.Postgres.Tests;

public sealed class SearchBudgetTests
{
    [PgFact]
    public void A_search_past_its_time_budget_is_stopped_and_a_cancelled_one_is_cancelled()
    {
        using var db = PgServer.CreateDatabase();
        using var store = PostgresStore.Open(db.Url);
        store.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2, BatchSize = 4 });
        var request = new SearchRequest { Query = "الأمن OR الأسعار OR المياه", TimeBudget = TimeSpan.FromTicks(1) };
        var e = Assert.Throws<SearchTimeoutException>(() => store.Search(request));
        Assert.Contains("time budget", e.Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => store.Search(request with { TimeBudget = null }, cancelled.Token));
        Assert.True(store.Search(request with { TimeBudget = null }).Total > 0);
    }
}
