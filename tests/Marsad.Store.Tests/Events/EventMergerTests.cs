using System.Globalization;
using Marsad.Store.Events;

namespace Marsad.Store.Tests.Events;

/// <summary>The storage-free merge: what merges, stable ids whatever the order, spans from a clean cut, and the changes diff.</summary>
public sealed class EventMergerTests
{
    private const int Window = EventStore.DefaultWindowDays;
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    private static readonly Dictionary<string, EventPlace> Places = new(StringComparer.Ordinal)
    {
        ["geo:cairo"] = new("geo:cairo", "القاهرة", "EG", 30.04, 31.24, "city"),
        ["geo:alex"] = new("geo:alex", "الإسكندرية", "EG", 31.2, 29.92, "city"),
        ["geo:tunis"] = new("geo:tunis", "تونس", "TN", 36.8, 10.18, "city"),
        ["per:a"] = new("per:a", "سامح شكري", null, null, null, null),
    };

    private static EventReport R(string doc, string local, string type, int day, string[] actors, string? place = null, string? cluster = null, int order = 0) => new()
    {
        DocSeq = doc.GetHashCode(StringComparison.Ordinal), DocId = doc, LocalId = local, Type = type, Date = Day0.AddDays(day), Actors = [.. actors],
        LocationKey = place, GeoPrecision = place is null ? null : "clause", Cluster = cluster, Order = order,
        Time = Day0.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static MergeOutcome Merge(IEnumerable<EventReport> reports, IReadOnlyDictionary<string, EventChanges.Previous>? previous = null, string now = "2024-06-01T00:00:00.0000000Z") =>
        EventMerger.Merge(reports.ToList(), Places, Window, previous ?? new Dictionary<string, EventChanges.Previous>(), now);

    /// <summary>Each event as its id and its reports' keys: what must not depend on the order reports come in.</summary>
    private static List<string> Shape(MergeOutcome o) =>
        o.Rows.Select(r => r.Event.Id + " " + string.Join(",", r.Reports.Select(x => x.Key))).Order(StringComparer.Ordinal).ToList();

    private static List<EventReport> RandomReports(Random rnd, int n)
    {
        string[] types = ["CONSULT", "PROTEST", "ASSAULT"];
        string[] actors = ["per:a", "per:b", "org:c", "org:d"];
        string?[] places = [null, "geo:cairo", "geo:alex", "iso3166:eg", "geo:tunis"];
        return Enumerable.Range(0, n).Select(i => R("d" + rnd.Next(40).ToString("00", CultureInfo.InvariantCulture), "v" + i.ToString(CultureInfo.InvariantCulture),
            types[rnd.Next(types.Length)], rnd.Next(60), actors.Where(_ => rnd.Next(3) == 0).ToArray(), places[rnd.Next(places.Length)],
            rnd.Next(4) == 0 ? "c" + rnd.Next(3).ToString(CultureInfo.InvariantCulture) : null, i)).ToList();
    }

    [Fact]
    public void Overlapping_actors_within_the_window_are_one_event_and_beyond_it_two()
    {
        var o = Merge([R("a", "v1", "CONSULT", 0, ["per:a", "per:b"], "geo:cairo"), R("b", "v1", "CONSULT", 2, ["per:a"], "geo:cairo"),
                       R("c", "v1", "CONSULT", 2 + Window + 1, ["per:a"], "geo:cairo")]);
        Assert.Equal(2, o.Rows.Count);
        Assert.Equal(["a#v1", "b#v1"], o.Rows[0].Reports.Select(x => x.Key));
        Assert.Equal("2024-01-01", o.Rows[0].Event.Date);
        Assert.Equal(2, o.Rows[0].Event.Documents);
        Assert.Equal("سامح شكري", o.Rows[0].Event.ActorNames[0]);
        Assert.Equal("EG", o.Rows[0].Event.Country);
        Assert.Equal(["c#v1"], o.Rows[1].Reports.Select(x => x.Key));
    }

    [Fact]
    public void Types_places_in_two_cities_and_disjoint_actors_keep_reports_apart()
    {
        var o = Merge([R("a", "v1", "CONSULT", 0, ["per:a"], "geo:cairo"), R("b", "v1", "PROTEST", 0, ["per:a"], "geo:cairo"),
                       R("c", "v1", "CONSULT", 0, ["per:a"], "geo:alex"), R("d", "v1", "CONSULT", 0, ["per:b"], "geo:cairo")]);
        Assert.Equal(4, o.Rows.Count);
        // A city and its country nest: the country-level report joins, and the event keeps the city.
        var nest = Merge([R("a", "v1", "CONSULT", 0, ["per:a"], "iso3166:eg"), R("b", "v1", "CONSULT", 1, ["per:a"], "geo:cairo")]);
        Assert.Equal("geo:cairo", Assert.Single(nest.Rows).Event.LocationKey);
    }

    [Fact]
    public void Reports_in_any_order_merge_into_the_same_events_with_the_same_ids()
    {
        var rnd = new Random(7);
        var reports = RandomReports(rnd, 120);
        var expected = Shape(Merge(reports));
        Assert.True(expected.Count is > 10 and < 120, $"{expected.Count} events from 120 reports");
        for (int k = 0; k < 20; k++)
            Assert.Equal(expected, Shape(Merge(reports.OrderBy(_ => rnd.Next()))));
    }

    [Fact]
    public void The_reports_from_a_clean_cut_on_merge_as_they_do_in_the_whole()
    {
        var rnd = new Random(11);
        for (int run = 0; run < 10; run++)
        {
            var reports = RandomReports(rnd, 60);
            var whole = Merge(reports);
            foreach (var type in whole.Rows.Select(r => r.Event.Type).Distinct())
            {
                var events = whole.Rows.Where(r => r.Event.Type == type).ToList();
                // Every day on which no event of this type begun earlier is still open is a clean cut.
                for (int d = 1; d < 60; d++)
                {
                    var cut = Day0.AddDays(d);
                    if (events.Any(e => e.Reports.Min(x => x.Date) < cut && e.Reports.Max(x => x.Date) >= cut.AddDays(-Window))) continue;
                    var span = Merge(reports.Where(x => x.Type == type && x.Date >= cut));
                    var want = events.Where(e => e.Reports.Min(x => x.Date) >= cut).ToList();
                    Assert.Equal(Shape(new MergeOutcome(want, [])), Shape(span));
                    Assert.Equal(want.Select(w => w.Fingerprint).Order(StringComparer.Ordinal), span.Rows.Select(w => w.Fingerprint).Order(StringComparer.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void The_diff_names_added_changed_merged_and_deleted_and_keeps_the_time_of_unchanged_events()
    {
        const string t1 = "2024-06-01T00:00:00.0000000Z", t2 = "2024-06-02T00:00:00.0000000Z";
        var first = Merge([R("b", "v1", "CONSULT", 0, ["per:a"]), R("c", "v1", "CONSULT", 0, ["per:b"]), R("e", "v1", "PROTEST", 5, ["per:a"]),
                           R("f", "v1", "ASSAULT", 9, []), R("g", "v1", "REQUEST", 20, ["org:c"])], now: t1);
        Assert.Equal(5, first.Rows.Count);
        Assert.All(first.Changes, c => Assert.Equal(EventChanges.Added, c.Change));
        var previous = first.Rows.ToDictionary(r => r.Event.Id, r => new EventChanges.Previous(r.Fingerprint, (string)r.Values[^1]!, r.Event.UpdatedAt!));
        string Id(string key) => first.Rows.Single(r => r.Reports.Any(x => x.Key == key)).Event.Id;

        // "a" (sorting first) names both actors: the two meetings become one event led by it. A second
        // protest report joins the protest; the assault report is gone; the request stays as it was.
        var second = Merge([R("a", "v1", "CONSULT", 0, ["per:a", "per:b"]), R("b", "v1", "CONSULT", 0, ["per:a"]), R("c", "v1", "CONSULT", 0, ["per:b"]),
                            R("e", "v1", "PROTEST", 5, ["per:a"]), R("h", "v1", "PROTEST", 6, ["per:a"]), R("g", "v1", "REQUEST", 20, ["org:c"])], previous, t2);
        var consult = second.Rows.Single(r => r.Event.Type == "CONSULT").Event.Id;
        var changes = second.Changes.ToDictionary(c => c.Id);
        Assert.Equal(EventChanges.Added, changes[consult].Change);
        Assert.Equal(new MergeChange(Id("b#v1"), EventChanges.Merged, consult), changes[Id("b#v1")]);
        Assert.Equal(new MergeChange(Id("c#v1"), EventChanges.Merged, consult), changes[Id("c#v1")]);
        Assert.Equal(EventChanges.Changed, changes[Id("e#v1")].Change);
        Assert.Equal(EventChanges.Deleted, changes[Id("f#v1")].Change);
        Assert.False(changes.ContainsKey(Id("g#v1")));
        Assert.Equal(5, second.Changes.Count);
        Assert.Equal(t1, second.Rows.Single(r => r.Event.Type == "REQUEST").Event.UpdatedAt);
        Assert.Equal(t2, second.Rows.Single(r => r.Event.Type == "PROTEST").Event.UpdatedAt);
        Assert.Equal(Id("e#v1"), second.Rows.Single(r => r.Event.Type == "PROTEST").Event.Id); // its first report and identity did not change
    }
}
