using System.Globalization;
using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Events;
using Npgsql;

namespace Marsad.Store.Postgres.Tests;

/// <summary>
/// Merged (cross-document) events on PostgreSQL, kept current by each ingest transaction: the same
/// events and ids as the embedded archive's merge of the same articles, whatever the writers and
/// their order, and the same changes feed.
/// </summary>
public sealed class MergedEventTests
{
    private static ArticleInput A(string title, string body, string date, string outlet) => new()
    {
        Title = title, Body = body, Published = DateOnly.Parse(date, CultureInfo.InvariantCulture), Outlet = outlet, Source = "test",
    };

    /// <summary>Meetings, protests and attacks reported by several outlets over a few weeks (written for these tests).</summary>
    private static readonly IReadOnlyList<ArticleInput> Reports =
    [
        A("اجتماع في القاهرة", "اجتمع وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي في القاهرة يوم الأحد لبحث الأوضاع الإقليمية.", "2024-01-14", "a"),
        A("شكري يستقبل الصفدي", "التقى سامح شكري في القاهرة أمس بأيمن الصفدي، وتناول اللقاء العلاقات الثنائية بين البلدين والتطورات في المنطقة.", "2024-01-15", "b"),
        A("مباحثات مصرية أردنية", "بحث سامح شكري وأيمن الصفدي في القاهرة التعاون الاقتصادي بين مصر والأردن.", "2024-01-16", "c"),
        A("احتجاجات في تونس", "تظاهر المئات في تونس العاصمة يوم الجمعة للمطالبة بإطلاق سراح المعتقلين السياسيين وتحسين الأوضاع المعيشية.", "2024-03-01", "a"),
        A("مظاهرة أمام البرلمان", "تظاهر مئات المواطنين في تونس أمام البرلمان احتجاجا على غلاء المعيشة، وانتشرت قوات الأمن في محيط المبنى.", "2024-03-02", "b"),
        A("لقاء جديد في عمان", "اجتمع أيمن الصفدي مع سامح شكري في عمان لبحث التطورات الأخيرة في المنطقة.", "2024-02-20", "c"),
        A("هجوم في سيناء", "قتل ثلاثة جنود في هجوم مسلح استهدف نقطة تفتيش في شمال سيناء يوم الثلاثاء، وأعلن الجيش المصري ملاحقة المهاجمين.", "2024-04-09", "a"),
        A("مقتل جنود في سيناء", "أعلن الجيش المصري مقتل ثلاثة جنود في هجوم على نقطة تفتيش في شمال سيناء، وقال إن قواته تلاحق المسلحين.", "2024-04-10", "b"),
        A("الرئيس التونسي يلتقي رئيسة الحكومة", "التقى الرئيس التونسي قيس سعيد رئيسة الحكومة في قصر قرطاج يوم الاثنين وبحث معها الوضع الاقتصادي.", "2024-03-04", "c"),
        A("المغرب والجزائر", "دعا وزير الخارجية المغربي ناصر بوريطة الجزائر إلى الحوار، ورفضت الجزائر الدعوة في بيان يوم الخميس.", "2024-05-02", "a"),
    ];

    private static IEnumerable<IngestItem> Items(IEnumerable<ArticleInput> articles) => articles.Select((a, i) => IngestItem.Ok(a, $"test #{i + 1}"));

    /// <summary>The embedded archive's merged events of <paramref name="articles"/> as id → report keys.</summary>
    private static Dictionary<string, string> Embedded(IEnumerable<ArticleInput> articles)
    {
        var dir = Directory.CreateTempSubdirectory("marsad-pg-events-").FullName;
        try
        {
            using var archive = MarsadArchive.Open(dir);
            archive.Ingest(Items(articles), new IngestOptions { Workers = 2 });
            var events = EventStore.Open(archive).Query(new MergedEventFilter());
            return events.ToDictionary(e => e.Id, e => e.Type + " " + string.Join(",", e.Sources.Select(s => s.DocumentId + "#" + s.LocalId)), StringComparer.Ordinal);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The PostgreSQL archive's merged events as id → type and report keys.</summary>
    private static Dictionary<string, string> Stored(PostgresArchive pg)
    {
        var reports = pg.MergedEventReports();
        return pg.MergedEventIds().ToDictionary(e => e.Id, e => e.Type + " " + string.Join(",", reports.GetValueOrDefault(e.Id) ?? []), StringComparer.Ordinal);
    }

    private static string Show(Dictionary<string, string> events) => string.Join("\n", events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + " " + e.Value));

    [PgFact]
    public void Merged_events_on_PostgreSQL_are_the_embedded_ones_with_the_same_ids_batch_by_batch()
    {
        var want = Embedded(Reports);
        Assert.True(want.Count >= 4 && want.Values.Any(v => v.Contains(',', StringComparison.Ordinal)),
            $"the test articles give too few events, or none merged across documents:\n{Show(want)}");
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        // Small batches in another order: each batch merges its reports into what the others stored.
        pg.Ingest(Items(Reports.Reverse()), new IngestOptions { Workers = 1, BatchSize = 2 });
        Assert.Equal(Show(want), Show(Stored(pg)));
        AssertClean(pg);
    }

    [PgFact]
    public void Each_batch_merges_its_reports_into_the_stored_events_they_can_join_before_any_settling()
    {
        // The incremental merge alone (no settling at the end of the run): one article per batch, newest
        // first, so every report of an event after the first comes in a later batch and must find the
        // stored event it joins among the candidates (open on its day, sharing an actor, place or cluster).
        var want = Embedded(Reports);
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        pg.Ingest(Items(Reports.Reverse()), new IngestOptions { Workers = 1, BatchSize = 1 }, null, settle: false, CancellationToken.None);
        Assert.Equal(Show(want), Show(Stored(pg)));
    }

    /// <summary>Talks of the same two ministers every other day for 17 days: one event of 9 reports, longer than <see cref="PostgresArchive.LongEventDays"/>.</summary>
    private static readonly IReadOnlyList<ArticleInput> LongTalks =
    [
        A("مباحثات في القاهرة", "التقى سامح شكري بأيمن الصفدي في القاهرة وناقشا أزمة المياه في حوض النيل وآثار السد على الزراعة.", "2024-06-01", "a"),
        A("لقاء ثان", "التقى سامح شكري بأيمن الصفدي في القاهرة وناقش الوزيران تهريب السلاح عبر الحدود الصحراوية.", "2024-06-03", "b"),
        A("جولة ثالثة", "التقى سامح شكري بأيمن الصفدي في القاهرة لبحث عودة اللاجئين السوريين من المخيمات قبل حلول الشتاء.", "2024-06-05", "c"),
        A("مشاورات جديدة", "التقى سامح شكري بأيمن الصفدي في القاهرة وناقشا أسعار الغاز وخط الأنابيب العربي المتوقف منذ سنوات.", "2024-06-07", "a"),
        A("لقاء خامس", "التقى سامح شكري بأيمن الصفدي في القاهرة لبحث مشروعات الربط الكهربائي ومحطات الطاقة الشمسية الجديدة.", "2024-06-09", "b"),
        A("محادثات", "التقى سامح شكري بأيمن الصفدي في القاهرة لبحث تمويل وكالة غوث اللاجئين بعد تراجع تبرعات المانحين الأوروبيين.", "2024-06-11", "c"),
        A("اجتماع سابع", "التقى سامح شكري بأيمن الصفدي في القاهرة وناقشا حركة الشاحنات في ميناء العقبة ورسوم العبور المرتفعة.", "2024-06-13", "a"),
        A("مباحثات ثامنة", "التقى سامح شكري بأيمن الصفدي في القاهرة وتناولا منح الطلاب الجامعيين والاعتراف المتبادل بالشهادات.", "2024-06-15", "b"),
        A("ختام المشاورات", "التقى سامح شكري بأيمن الصفدي في القاهرة لبحث السياحة الدينية ورحلات الحج البرية عبر سيناء والأردن.", "2024-06-17", "c"),
    ];

    [PgFact]
    public void A_report_inside_a_long_event_finds_that_event_among_its_candidates()
    {
        var want = Embedded(LongTalks);
        Assert.True(want.Values.Any(v => v.Split(',').Length >= LongTalks.Count),
            $"the talks should make one event of {LongTalks.Count} reports:\n{Show(want)}");
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        // Without the talks of the 3rd: one event of the 1st, one of the 5th to the 17th (a long one). The 3rd
        // then joins both: the long event ends more than the window plus LongEventDays after it.
        var options = new IngestOptions { Workers = 1, BatchSize = 1 };
        pg.Ingest(Items(LongTalks.Where((_, i) => i != 1)), options, null, settle: false, CancellationToken.None);
        Assert.Equal(2, Stored(pg).Count);
        pg.Ingest(Items([LongTalks[1]]), options, null, settle: false, CancellationToken.None);
        Assert.Equal(Show(want), Show(Stored(pg)));
    }

    [PgFact]
    public void Settling_makes_the_stored_events_the_full_merge_and_check_tells_an_unsettled_merge()
    {
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        pg.Ingest(Items(Reports), new IngestOptions { Workers = 1 });
        // Stored events that are not the full merge (here: one event gone, and one event of another's reports added).
        using (var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url)))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("""
                DELETE FROM merged_events WHERE id = (SELECT id FROM merged_events WHERE reports > 1 ORDER BY id LIMIT 1);
                INSERT INTO merged_events(id, type, date, last_date, actor_keys, target_keys, sources, actor_names, target_names, reports,
                                          time_precision, first_report, fingerprint, updated_at)
                SELECT 'extra', type, date, date, '[]', '[]', 1, '[]', '[]', 1, 2, first_report, 'x', now() FROM merged_events ORDER BY id LIMIT 1;
                """, c);
            cmd.ExecuteNonQuery();
        }
        var problems = pg.Check().Problems;
        Assert.Contains(problems, p => p.Contains("are not stored", StringComparison.Ordinal));
        Assert.Contains(pg.Check().Problems, p => p.Contains("not what the reports merge into", StringComparison.Ordinal));
        pg.SettleEvents();
        AssertTheEmbeddedMerge(pg);
    }

    [PgFact]
    public async Task Three_queue_workers_at_once_leave_the_embedded_events_once_the_queue_is_empty()
    {
        using var db = PgServer.CreateDatabase();
        using (var pg = PostgresArchive.Open(db.Url))
            new PostgresQueue(pg).Enqueue(Items(Reports), "reports.jsonl", batchSize: 1);
        var runs = await Task.WhenAll(new[] { "w1", "w2", "w3" }.Select(w => Task.Run(() =>
        {
            using var a = PostgresArchive.Open(db.Url);
            return new PostgresQueue(a).Work(w, new IngestOptions { Workers = 1 });
        })));
        Assert.Equal(Reports.Count, runs.Sum(r => r.Stored));
        using var p = PostgresArchive.Open(db.Url);
        AssertTheEmbeddedMerge(p);
    }

    [PgFact]
    public void A_database_without_a_current_merge_is_merged_in_full_by_the_next_ingest()
    {
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        pg.Ingest(Items(Reports.Take(8)), new IngestOptions { Workers = 1, BatchSize = 4 });
        // As a database of schema version 1 looks after migration: reports without days, no merge.
        using (var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url)))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("DELETE FROM merged_events; UPDATE doc_events SET day = NULL; DELETE FROM meta WHERE key = 'merged_events'", c);
            cmd.ExecuteNonQuery();
        }
        Assert.Contains(pg.Check().Problems, p => p.Contains("never built", StringComparison.Ordinal));
        pg.Ingest(Items(Reports.Skip(8)), new IngestOptions { Workers = 1 });
        AssertTheEmbeddedMerge(pg);
    }

    [PgFact]
    public async Task Two_writers_over_overlapping_inputs_give_the_events_of_one()
    {
        using var one = PgServer.CreateDatabase();
        using (var pg = PostgresArchive.Open(one.Url)) pg.Ingest(Items(Reports), new IngestOptions { Workers = 1, BatchSize = 3 });
        using var two = PgServer.CreateDatabase();
        using (PostgresArchive.Open(two.Url)) { }
        var halves = new[] { Reports.Take(7).ToList(), Reports.Skip(3).Reverse().ToList() };
        await Task.WhenAll(halves.Select(h => Task.Run(() =>
        {
            using var a = PostgresArchive.Open(two.Url);
            return a.Ingest(Items(h), new IngestOptions { Workers = 1, BatchSize = 1 });
        })));
        using var p1 = PostgresArchive.Open(one.Url);
        using var p2 = PostgresArchive.Open(two.Url);
        Assert.Equal(Reports.Count, p2.Count);
        Assert.Equal(Show(Stored(p1)), Show(Stored(p2)));
        AssertClean(p2);
    }

    [PgFact]
    public void The_changes_feed_logs_what_the_embedded_one_logs()
    {
        var firstPart = Reports.Where((_, i) => i % 2 == 0).ToList();
        var secondPart = Reports.Where((_, i) => i % 2 == 1).ToList();
        var dir = Directory.CreateTempSubdirectory("marsad-pg-changes-").FullName;
        try
        {
            using var db = PgServer.CreateDatabase();
            using var pg = PostgresArchive.Open(db.Url);
            using var embedded = MarsadArchive.Open(dir);
            // One batch per step on both sides: the embedded archive merges once per ingest.
            var options = new IngestOptions { Workers = 1, BatchSize = 100 };
            embedded.Ingest(Items(firstPart), options);
            pg.Ingest(Items(firstPart), options);
            var firstPg = pg.EventChangesSince(DateTimeOffset.UnixEpoch);
            Assert.NotEmpty(firstPg);
            Assert.All(firstPg, c => Assert.Equal(EventChanges.Added, c.Change));
            Thread.Sleep(20);
            var since = DateTimeOffset.UtcNow;
            Thread.Sleep(20);
            embedded.Ingest(Items(secondPart), options);
            pg.Ingest(Items(secondPart), options);
            static string Rows(IEnumerable<EventChange> changes) =>
                string.Join("\n", changes.Select(c => $"{c.Id} {c.Change} {c.MergedInto}").Order(StringComparer.Ordinal));
            var want = EventStore.Open(embedded).Changes(since);
            var got = pg.EventChangesSince(since);
            Assert.Contains(want, c => c.Change != EventChanges.Added); // the second part changes events of the first
            Assert.Equal(Rows(want), Rows(got));
            // The stored events say when they last changed: those of the second step at or after it.
            using var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url));
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT count(*) FROM merged_events WHERE updated_at >= $1", c);
            cmd.Parameters.AddWithValue(since);
            Assert.Equal((long)got.Count(x => x.Change is EventChanges.Added or EventChanges.Changed), (long)cmd.ExecuteScalar()!);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The stored merged events are the embedded merge of every report, and the check finds nothing.</summary>
    private static void AssertTheEmbeddedMerge(PostgresArchive pg)
    {
        Assert.Equal(Show(Embedded(Reports)), Show(Stored(pg)));
        AssertClean(pg);
    }

    private static void AssertClean(PostgresArchive pg)
    {
        var check = pg.Check();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
    }
}
