using Marsad.Store.Events;

namespace Marsad.Store.Tests.Events;

/// <summary>Cross-document merging: two outlets reporting one meeting are one event with two sources.</summary>
public sealed class MergedEventTests : TempArchive
{
    [Fact]
    public void Reports_of_one_event_merge_and_other_events_stay_apart()
    {
        using var archive = MarsadArchive.Open(DataDir);
        archive.Ingest(
        [
            Article("اجتماع في القاهرة", "اجتمع وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي في القاهرة يوم الأحد لبحث الأوضاع الإقليمية.", "2024-01-15", "a"),
            Article("شكري يستقبل الصفدي", "التقى سامح شكري في القاهرة أمس الأحد بأيمن الصفدي، وتناول اللقاء العلاقات الثنائية بين البلدين والتطورات في المنطقة.", "2024-01-15", "b"),
            Article("احتجاجات في تونس", "تظاهر المئات في تونس العاصمة يوم الجمعة للمطالبة بإطلاق سراح المعتقلين السياسيين وتحسين الأوضاع المعيشية.", "2024-03-02", "c"),
        ], Small);
        var events = EventStore.Open(archive).Query(new MergedEventFilter());
        var consult = events.Where(e => e.Type == "CONSULT").ToList();
        Assert.True(consult.Count == 1 && consult[0].Sources.Count >= 2, string.Join("\n", events.Select(e => $"{e.Type} {e.Date} [{string.Join(",", e.ActorNames)}] {e.LocationName} {e.Sources.Count}")));
        Assert.Equal(2, consult[0].Sources.Select(s => s.DocumentId).Distinct().Count());
        Assert.All(events.Where(e => e.Type == "PROTEST"), e => Assert.Single(e.Sources.Select(s => s.DocumentId).Distinct()));

        var rows = EventStore.Indicators(events, "type");
        Assert.Equal(1, rows.Single(r => r.Key == "CONSULT").Events);
        Assert.True(rows.Single(r => r.Key == "CONSULT").Sources >= 2);
        Assert.Single(EventStore.Filter(events, new MergedEventFilter(Type: "CONSULT", Country: "EG")));
        Assert.Empty(EventStore.Filter(events, new MergedEventFilter(Type: "CONSULT", From: new DateOnly(2024, 2, 1))));
    }

    [Fact]
    public void Same_type_far_apart_in_time_are_two_events()
    {
        using var archive = MarsadArchive.Open(DataDir);
        archive.Ingest(
        [
            Article("لقاء أول", "اجتمع سامح شكري مع أيمن الصفدي في القاهرة لبحث الأوضاع الإقليمية.", "2024-01-15", "a"),
            Article("لقاء ثان", "اجتمع سامح شكري مع أيمن الصفدي في القاهرة لبحث التطورات الأخيرة في المنطقة والتعاون الاقتصادي.", "2024-02-20", "b"),
        ], Small);
        var events = EventStore.Open(archive).Query(new MergedEventFilter());
        Assert.Equal(2, events.Count(e => e.Type == "CONSULT"));
    }

    [Fact]
    public void A_merged_event_takes_the_largest_reported_toll_not_the_sum()
    {
        using var archive = MarsadArchive.Open(DataDir);
        archive.Ingest(
        [
            Article("هجوم في مقديشو", "قتل 12 شخصا في هجوم انتحاري شنته حركة الشباب على فندق في مقديشو يوم الجمعة.", "2024-03-08", "a"),
            Article("ارتفاع الحصيلة", "ارتفعت حصيلة الهجوم الانتحاري الذي شنته حركة الشباب على فندق في مقديشو إلى 15 قتيلا.", "2024-03-09", "b"),
            Article("الحصيلة الأولى", "أسفر هجوم حركة الشباب على فندق في مقديشو عن مقتل 12 شخصا.", "2024-03-08", "c"),
        ], Small);
        var store = EventStore.Open(archive);
        Assert.True(store.IsCurrent()); // merged at ingest
        var events = store.Query(new MergedEventFilter(Type: "ASSAULT"));
        var attack = Assert.Single(events, e => e.Fatalities is not null);
        Assert.Equal(15, attack.Fatalities);
        Assert.True(attack.Documents >= 2, $"{attack.Documents} documents");
        Assert.Equal(15, EventStore.Indicators(events, "type").Single(r => r.Key == "ASSAULT").Fatalities);
        Assert.Equal("SO", attack.Country);
    }

    [Fact]
    public void Stored_merge_is_read_back_and_rebuilt_after_new_documents()
    {
        using var archive = MarsadArchive.Open(DataDir);
        archive.Ingest([Article("لقاء", "اجتمع سامح شكري مع أيمن الصفدي في القاهرة لبحث الأوضاع الإقليمية.", "2024-01-15", "a")], Small);
        var store = EventStore.Open(archive);
        var first = store.Load(new MergedEventFilter());
        Assert.Contains(first, e => e.Type == "CONSULT" && e.Reports >= 1 && e.Sources.Count == 0);
        archive.Ingest([Article("احتجاج", "تظاهر آلاف الطلاب في تونس يوم الجمعة للمطالبة بإصلاح التعليم.", "2024-03-01", "b")], Small);
        Assert.True(store.IsCurrent());
        var second = store.Load(new MergedEventFilter());
        Assert.Contains(second, e => e.Type == "PROTEST");
        Assert.Single(store.Load(new MergedEventFilter(Type: "PROTEST", Country: "TN")));
        Assert.Empty(store.Load(new MergedEventFilter(Type: "PROTEST", To: new DateOnly(2024, 2, 1))));
        // Another window merges again on the fly and leaves a stored merge for that window.
        Assert.NotEmpty(store.Load(new MergedEventFilter(), windowDays: 0));
        Assert.True(store.IsCurrent(0));
    }

    [Fact]
    public void Indicators_refuse_an_unknown_dimension() =>
        Assert.Throws<ArgumentException>(() => EventStore.Indicators([], "colour"));
}
