using Marsad.Store.Events;

namespace Marsad.Store.Tests.Export;

/// <summary>Event ids keep their meaning across ingests; the changes feed lists exactly what changed.</summary>
public sealed class StableIdTests : TempArchive
{
    private static Dictionary<string, MergedEvent> ById(EventStore store) => store.Query(new MergedEventFilter()).ToDictionary(e => e.Id);

    /// <summary>What an export of the event says, to compare two builds.</summary>
    private static string Content(MergedEvent e) =>
        $"{e.Type}|{e.Mode}|{e.Date}|{e.LocationKey}|{string.Join(",", e.ActorKeys)}|{string.Join(",", e.TargetKeys)}|{e.Fatalities}|{e.Injured}|"
        + string.Join(",", e.Sources.Select(s => s.DocumentId + "#" + s.LocalId));

    [Fact]
    public void Reingest_and_more_documents_keep_unchanged_ids_and_the_feed_lists_exactly_the_changes()
    {
        using var archive = MarsadArchive.Open(DataDir);
        archive.Ingest([ExportArticles.Casablanca, ExportArticles.Mogadishu, ExportArticles.Cairo], Small);
        var store = EventStore.Open(archive);
        var before = ById(store);
        Assert.NotEmpty(before);
        Assert.All(before.Keys, id => Assert.Matches("^E[0-9a-f]{12}$", id));

        // Re-ingesting the same articles changes nothing: same ids, an empty feed.
        var t1 = DateTimeOffset.UtcNow;
        archive.Ingest([ExportArticles.Mogadishu, ExportArticles.Cairo, ExportArticles.Casablanca], Small);
        Assert.Equal(before.Keys.Order(), ById(store).Keys.Order());
        Assert.Empty(store.Changes(t1));

        // More documents: a later report of the Mogadishu attack (the event changes), a new protest (added).
        var t2 = DateTimeOffset.UtcNow;
        archive.Ingest([ExportArticles.MogadishuToll, ExportArticles.Tunis], Small);
        var after = ById(store);
        var unchanged = before.Where(kv => after.TryGetValue(kv.Key, out var a) && Content(a) == Content(kv.Value)).Select(kv => kv.Key).ToHashSet();
        var changed = before.Keys.Where(id => after.ContainsKey(id) && !unchanged.Contains(id)).ToHashSet();
        var added = after.Keys.Except(before.Keys).ToHashSet();
        var gone = before.Keys.Except(after.Keys).ToHashSet();
        Assert.Contains(before.Values, e => e.Type == "CONSULT" && unchanged.Contains(e.Id)); // the meeting in Cairo keeps its id
        Assert.Contains(after.Values, e => added.Contains(e.Id) && e.Country == "TN");
        Assert.Contains(after.Values, e => changed.Contains(e.Id) && e.Fatalities == 15); // the attack, same id, new toll

        var feed = store.Changes(t2);
        Assert.Equal(added.Order(), feed.Where(c => c.Change == "added").Select(c => c.Id).Order());
        Assert.Equal(changed.Order(), feed.Where(c => c.Change == "changed").Select(c => c.Id).Order());
        Assert.Equal(gone.Order(), feed.Where(c => c.Change is "merged" or "deleted").Select(c => c.Id).Order());
        Assert.All(feed.Where(c => c.Change == "merged"), c => Assert.True(after.ContainsKey(c.MergedInto!)));
        Assert.DoesNotContain(feed, c => unchanged.Contains(c.Id));
        // The same feed as a filter: the events added or changed since t2.
        Assert.Equal(added.Union(changed).Order(), store.Load(new MergedEventFilter(UpdatedSince: t2)).Select(e => e.Id).Order());
        Assert.All(after.Values.Where(e => unchanged.Contains(e.Id)), e => Assert.True(string.CompareOrdinal(e.UpdatedAt, EventChanges.Stamp(t2)) < 0));
    }

    [Fact]
    public void A_fresh_archive_of_the_same_articles_in_another_order_gives_the_same_ids()
    {
        string other = Directory.CreateTempSubdirectory("marsad-store-").FullName;
        try
        {
            using (var a = MarsadArchive.Open(DataDir))
                a.Ingest([ExportArticles.Casablanca, ExportArticles.Mogadishu, ExportArticles.Cairo, ExportArticles.MogadishuToll], Small);
            using (var b = MarsadArchive.Open(other))
                b.Ingest([ExportArticles.MogadishuToll, ExportArticles.Cairo, ExportArticles.Mogadishu, ExportArticles.Casablanca], Small);
            var first = EventStore.OpenData(DataDir).Load(new MergedEventFilter()).Select(e => $"{e.Id} {e.Type} {e.Date} {e.LocationKey}").Order();
            var second = EventStore.OpenData(other).Load(new MergedEventFilter()).Select(e => $"{e.Id} {e.Type} {e.Date} {e.LocationKey}").Order();
            Assert.Equal(first, second);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(other, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("2024-05-01", "2024-05-01T00:00:00.0000000Z")]
    [InlineData("2024-05-01T10:30:00Z", "2024-05-01T10:30:00.0000000Z")]
    [InlineData("1714559400", "2024-05-01T10:30:00.0000000Z")]
    public void Since_takes_iso_times_and_unix_seconds(string text, string stamp)
    {
        Assert.Equal(stamp, EventChanges.Stamp(EventStore.ParseSince(text)!.Value));
    }

    [Fact]
    public void Since_refuses_other_text() => Assert.Null(EventStore.ParseSince("yesterday"));
}
