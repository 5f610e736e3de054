using System.Globalization;
using System.Text.Json;
using Marsad.Ingest;
using Marsad.Store.Events;
using Npgsql;

namespace Marsad.Store.Postgres.Tests;

/// <summary>
/// The PostgreSQL store's event reads against the embedded store's: the same articles in both, the embedded
/// merge's rows written into merged_events / merged_event_sources / event_changes (as the PostgreSQL ingest's merge
/// will write them), then every event call answered by both and compared.
/// </summary>
public sealed class EventReadTests : IDisposable
{
    private static readonly IngestOptions Options = new() { Workers = 2, BatchSize = 3 };
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-pgevents-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static void CopyEvents(IReadOnlyList<MergedEvent> events, string url)
    {
        using var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(url));
        c.Open();
        using var tx = c.BeginTransaction();
        foreach (var e in events)
        {
            var at = DateTimeOffset.Parse(e.UpdatedAt!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            using (var cmd = new NpgsqlCommand("""
                INSERT INTO merged_events(id, type, mode, date, location_key, actor_keys, target_keys, fatalities, injured, sources, country,
                  location_name, lat, lon, location_subtype, geo_precision, actor_names, target_names, reports, time_precision, context,
                  first_report, fingerprint, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18::jsonb, $19, $20, $21, $22, $23, $24)
                """, c, tx))
            {
                object?[] values = [e.Id, e.Type, e.Mode, DateOnly.ParseExact(e.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.LocationKey,
                    JsonSerializer.Serialize(e.ActorKeys), JsonSerializer.Serialize(e.TargetKeys), e.Fatalities, e.Injured, e.Documents, e.Country,
                    e.LocationName, e.Lat, e.Lon, e.LocationSubtype, e.GeoPrecision, JsonSerializer.Serialize(e.ActorNames),
                    JsonSerializer.Serialize(e.TargetNames), e.Reports, e.TimePrecision, e.Context, e.Sources[0].DocumentId + "#" + e.Sources[0].LocalId, "test", at];
                foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
                cmd.ExecuteNonQuery();
            }
            foreach (var s in e.Sources)
            {
                using var src = new NpgsqlCommand("INSERT INTO merged_event_sources(event_id, doc_seq, local_id) SELECT $1, seq, $3 FROM documents WHERE id = $2", c, tx);
                src.Parameters.AddWithValue(e.Id);
                src.Parameters.AddWithValue(s.DocumentId);
                src.Parameters.AddWithValue(s.LocalId);
                Assert.Equal(1, src.ExecuteNonQuery());
            }
            using var ch = new NpgsqlCommand("INSERT INTO event_changes(event_id, change, at) VALUES ($1, 'added', $2)", c, tx);
            ch.Parameters.AddWithValue(e.Id);
            ch.Parameters.AddWithValue(at);
            ch.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>An event as JSON with its change time cut to microseconds (what timestamptz keeps).</summary>
    private static string Json(IEnumerable<MergedEvent> events) =>
        JsonSerializer.Serialize(events.Select(e => e with { UpdatedAt = e.UpdatedAt?[..26] }));

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
        CopyEvents(all, db.Url);

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
                // (The embedded store cannot count by actor with a type filter: its SQL's "type" is ambiguous beside json_each's own column.)
                if (!(by == IndicatorGrouping.Actor && f.Type is not null))
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
