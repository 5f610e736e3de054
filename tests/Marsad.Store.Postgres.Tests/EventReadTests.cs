using System.Globalization;
using System.Text.Json;
using Marsad.Ingest;
using Marsad.Store.Events;

namespace Marsad.Store.Postgres.Tests;

/// <summary>
/// The PostgreSQL store's event reads against the embedded store's: the same articles ingested into both (the
/// PostgreSQL ingest merges events in its transaction), then every event call answered by both and compared.
/// </summary>
public sealed class EventReadTests : IDisposable
{
    // One batch, so the PostgreSQL changes feed (logged per batch) has the embedded feed's one entry per event.
    private static readonly IngestOptions Options = new() { Workers = 2, BatchSize = 1000 };
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-pgevents-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>An event as JSON without its change time (each store stamps its own ingest).</summary>
    private static string Json(IEnumerable<MergedEvent> events) =>
        JsonSerializer.Serialize(events.Select(e => e with { UpdatedAt = null }));

    [PgFact]
    public void Event_reads_give_the_embedded_stores_answers()
    {
        using var db = PgServer.CreateDatabase();
        using var embedded = MarsadStores.Open(Path.Combine(_dir, "data"));
        using var pg = PostgresStore.Open(db.Url);
        embedded.Ingest(Articles.Items(Articles.All), Options);
        pg.Ingest(Articles.Items(Articles.All), Options);
        var all = embedded.LoadEvents(new MergedEventFilter(), withSources: true);
        Assert.True(all.Count >= 3, $"only {all.Count} merged events to compare");

        Assert.Equal(Json(all), Json(pg.LoadEvents(new MergedEventFilter(), withSources: true)));
        Assert.Equal(Json(embedded.LoadEvents(new MergedEventFilter(), newest: 2)), Json(pg.LoadEvents(new MergedEventFilter(), newest: 2)));
        var first = all[0];
        var actor = all.FirstOrDefault(e => e.ActorNames.Count > 0);
        var filters = new List<MergedEventFilter>
        {
            new(), new(Type: first.Type.ToLowerInvariant()), new(Country: first.Country ?? "MA"),
            new(From: DateOnly.ParseExact(all[all.Count / 2].Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new(To: DateOnly.ParseExact(first.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        if (actor is not null) filters.Add(new(Actor: actor.ActorNames[0][..Math.Min(4, actor.ActorNames[0].Length)]));
        foreach (var f in filters)
        {
            Assert.Equal(embedded.CountEvents(f), pg.CountEvents(f));
            Assert.Equal(Json(embedded.LoadEvents(f)), Json(pg.LoadEvents(f)));
            foreach (var by in Enum.GetValues<IndicatorGrouping>())
                Assert.Equal(JsonSerializer.Serialize(embedded.Indicators(by, f)), JsonSerializer.Serialize(pg.Indicators(by, f)));
            // Keyset pages of two, both ways, and a numbered page.
            foreach (bool newestFirst in new[] { true, false })
            {
                EventCursor? ce = null, cp = null;
                int pages = 0;
                do
                {
                    var a = embedded.QueryEvents(new EventPageRequest(f, PageSize: 2, Cursor: ce, NewestFirst: newestFirst));
                    var b = pg.QueryEvents(new EventPageRequest(f, PageSize: 2, Cursor: cp, NewestFirst: newestFirst));
                    Assert.Equal((a.Total, a.Reports, a.Next), (b.Total, b.Reports, b.Next));
                    Assert.Equal(Json(a.Events), Json(b.Events));
                    (ce, cp) = (a.Next, b.Next);
                } while (ce is not null && ++pages < 100);
            }
            var pe = embedded.QueryEvents(new EventPageRequest(f, PageSize: 2, Page: 2));
            var pp = pg.QueryEvents(new EventPageRequest(f, PageSize: 2, Page: 2));
            Assert.Equal(Json(pe.Events), Json(pp.Events));
            Assert.Equal(pe.Next, pp.Next);
        }
        foreach (var key in all.SelectMany(e => e.ActorKeys.Concat(e.TargetKeys).Append(e.LocationKey ?? "")).Where(k => k.Length > 0).Distinct().Take(6))
        {
            Assert.Equal(embedded.CountEventsInvolving(key), pg.CountEventsInvolving(key));
            Assert.Equal(Json(embedded.EventsInvolving(key, 10)), Json(pg.EventsInvolving(key, 10)));
            Assert.Equal(Json(embedded.EventsInvolving(key, 10, offset: 1)), Json(pg.EventsInvolving(key, 10, offset: 1)));
        }
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        Assert.Equal(embedded.Changes(since).Select(c => (c.Id, c.Change)), pg.Changes(since).Select(c => (c.Id, c.Change)));
        Assert.Empty(pg.Changes(DateTimeOffset.UtcNow.AddMinutes(1)));
        var feed = pg.QueryEvents(new EventPageRequest(new MergedEventFilter(UpdatedSince: since)));
        Assert.Equal(all.Count, feed.Total);
        Assert.Empty(feed.Removed!);
    }
}
