using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Events;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Marsad.Store.Tests.Contract;

/// <summary>
/// What every <see cref="IMarsadStore"/> must answer, written against the interface only: a subclass
/// opens an empty store of its kind (embedded folder, PostgreSQL database …) and runs the same cases.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    /// <summary>A new, empty store of the kind under test (each call a separate one).</summary>
    protected abstract IMarsadStore OpenEmpty();

    /// <summary>The same store opened again (another process or server would see this).</summary>
    protected abstract IMarsadStore Reopen(IMarsadStore store);

    private readonly List<IMarsadStore> _opened = [];

    public virtual void Dispose()
    {
        foreach (var s in _opened) s.Dispose();
        GC.SuppressFinalize(this);
    }

    private IMarsadStore Track(IMarsadStore s)
    {
        _opened.Add(s);
        return s;
    }

    private static ArticleInput Article(string title, string body, string date, string outlet, string category) => new()
    {
        Title = title, Body = body, Published = DateOnly.Parse(date), Outlet = outlet, Category = category, Source = "contract",
    };

    // One meeting reported by two outlets, and a protest elsewhere.
    private static readonly ArticleInput Meeting = Article("وزيرا الخارجية يجتمعان في القاهرة",
        "اجتمع وزير الخارجية المصري مع نظيره السعودي في القاهرة عاصمة مصر يوم الاثنين لبحث التعاون الاقتصادي بين البلدين.",
        "2024-04-08", "alpha", "politics");
    private static readonly ArticleInput MeetingAgain = Article("مباحثات مصرية سعودية",
        "التقى وزير الخارجية المصري في القاهرة أمس الاثنين بوزير الخارجية السعودي، وتناولت المباحثات العلاقات الثنائية والتبادل التجاري.",
        "2024-04-08", "beta", "politics");
    private static readonly ArticleInput Protest = Article("مظاهرة في الرباط",
        "تظاهر آلاف المغاربة في الرباط يوم الأحد احتجاجا على ارتفاع الأسعار وللمطالبة برفع الأجور.",
        "2024-06-02", "alpha", "society");

    private static readonly IngestOptions Options = new() { Workers = 2, BatchSize = 2 };

    private IMarsadStore Seeded()
    {
        var store = Track(OpenEmpty());
        store.Ingest(new[] { Meeting, MeetingAgain, Protest }.Select((a, i) => IngestItem.Ok(a, $"article {i + 1}")), Options);
        return store;
    }

    [StoreFact]
    public void Each_article_is_stored_once_under_the_id_computed_from_it()
    {
        var store = Track(OpenEmpty());
        Assert.Equal(0, store.CountDocuments());
        var first = store.IngestArticle(Meeting);
        Assert.True(first.Created);
        Assert.Equal(StoreKeys.Document(Meeting), first.Id);
        Assert.Equal(first.Id, first.Document.Id);
        var again = store.IngestArticle(Meeting);
        Assert.False(again.Created);
        Assert.Equal(first.Id, again.Id);

        var summary = store.Ingest([IngestItem.Ok(Meeting, "a"), IngestItem.Ok(Protest, "b"), IngestItem.Ok(Protest, "c")], Options);
        Assert.Equal(1, summary.Stored);
        Assert.Equal(2, summary.Duplicates);
        Assert.Equal(2, summary.ArchiveCount);
        Assert.Equal(2, store.CountDocuments());
        Assert.Equal(2, store.Describe().Documents);
    }

    [StoreFact]
    public void Documents_read_back_whole_in_insertion_order()
    {
        var store = Seeded();
        var ids = new[] { Meeting, MeetingAgain, Protest }.Select(StoreKeys.Document).ToList();
        var all = store.EnumerateDocuments().ToList();
        Assert.Equal(ids, all.Select(d => d.Id));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Seq < p.Second.Seq));

        var doc = store.GetDocument(ids[2])!;
        Assert.Equal(Protest.Title, doc.Title);
        Assert.Contains(Protest.Body, doc.Text);
        Assert.Equal(new DateOnly(2024, 6, 2), doc.Published);
        Assert.Equal("alpha", doc.Outlet);
        Assert.Equal(Protest.Body, doc.Text[doc.BodyStart..].Trim());
        var analysis = store.GetAnalysis(ids[2])!;
        Assert.Equal(doc.Text, analysis.Text);
        Assert.NotEmpty(analysis.Entities);

        Assert.Null(store.GetDocument("0000000000000000"));
        Assert.Null(store.GetAnalysis("0000000000000000"));
        Assert.Empty(store.GetCluster("0000000000000000"));
    }

    [StoreFact]
    public void Search_gives_hits_with_snippet_offsets_and_facets_over_every_match()
    {
        var store = Seeded();
        var res = store.Search(new SearchRequest { Query = "القاهرة" });
        Assert.Equal(2, res.Total);
        Assert.Equal(new[] { Meeting, MeetingAgain }.Select(StoreKeys.Document).Order(), res.Hits.Select(h => h.Id).Order());
        foreach (var hit in res.Hits)
        {
            Assert.NotEmpty(hit.Snippet.Highlights);
            Assert.All(hit.Snippet.Highlights, h => Assert.Equal("القاهرة", hit.Snippet.Text.Substring(h.Start, h.Length)));
        }
        Assert.Equal([new FacetCount("alpha", 1), new FacetCount("beta", 1)], res.Facets.Sources);
        Assert.Equal([new FacetCount("2024-04", 2)], res.Facets.Months);
        Assert.Equal([new FacetCount("politics", 2)], res.Facets.Categories);
        // Entity facet values are keys, labelled with the entity's name.
        Assert.Contains(res.Facets.Entities, f => f.Value.StartsWith("geonames:") && f.Label == "القاهرة" && f.Count == 2);
        Assert.Contains(res.Facets.Entities, f => f.Value == "iso3166:EG" && f.Label == "مصر" && f.Count == 1);

        // A clitic form matches the plain word, and the snippet marks the word as written.
        var clitic = store.Search(new SearchRequest { Query = "الرباط" }).Hits.Single();
        Assert.Equal(StoreKeys.Document(Protest), clitic.Id);
        Assert.Equal(1, store.Search(new SearchRequest { Query = "\"وزير الخارجية السعودي\"" }).Total);
        Assert.Equal(1, store.Search(new SearchRequest { Query = "القاهرة -نظيره" }).Total);
        Assert.Equal(3, store.Search(new SearchRequest { Query = "القاهرة OR الرباط" }).Total);
        Assert.Equal(0, store.Search(new SearchRequest { Query = "كلمةغيرموجودة" }).Total);
    }

    [StoreFact]
    public void Search_filters_and_pages()
    {
        var store = Seeded();
        Assert.Equal(1, store.Search(new SearchRequest { Query = "القاهرة", Source = "beta" }).Total);
        Assert.Equal(1, store.Search(new SearchRequest { Query = "", From = new DateOnly(2024, 5, 1) }).Total);
        Assert.Equal(2, store.Search(new SearchRequest { Query = "", To = new DateOnly(2024, 4, 30) }).Total);
        Assert.Equal(1, store.Search(new SearchRequest { Query = "", Category = "society" }).Total);
        Assert.Equal(1, store.Search(new SearchRequest { Query = "", Entity = "iso3166:EG" }).Total);
        // An empty query: every document, newest first; pages do not overlap.
        var all = store.Search(new SearchRequest { Query = "", Limit = 10 });
        Assert.Equal(3, all.Total);
        Assert.Equal(StoreKeys.Document(Protest), all.Hits[0].Id);
        var page2 = store.Search(new SearchRequest { Query = "", Limit = 2, Offset = 2 });
        Assert.Equal(all.Hits.Skip(2).Select(h => h.Id), page2.Hits.Select(h => h.Id));
    }

    [StoreFact]
    public void The_whole_hit_set_is_every_matching_id_in_ordinal_order_whatever_the_page()
    {
        var store = Seeded();
        string[] ids = [StoreKeys.Document(Meeting), StoreKeys.Document(MeetingAgain), StoreKeys.Document(Protest)];
        var meetings = ids[..2].Order(StringComparer.Ordinal).ToList();
        // The page asked (one hit, the second page, no facets, by date) does not cut the set.
        Assert.Equal(meetings, store.MatchingIds(new SearchRequest { Query = "القاهرة", Limit = 1, Offset = 1, Facets = false, SortByDate = true }));
        Assert.Equal(ids.Order(StringComparer.Ordinal), store.MatchingIds(new SearchRequest { Query = "" }));
        Assert.Equal(meetings, store.MatchingIds(new SearchRequest { Query = "", Category = "politics" }));
        Assert.Equal([StoreKeys.Document(MeetingAgain)], store.MatchingIds(new SearchRequest { Query = "القاهرة", Source = "beta" }));
        Assert.Equal([StoreKeys.Document(Protest)], store.MatchingIds(new SearchRequest { Query = "", From = new DateOnly(2024, 5, 1) }));
        Assert.Equal([StoreKeys.Document(Meeting)], store.MatchingIds(new SearchRequest { Query = "", Entity = "iso3166:EG" }));
        Assert.Equal([StoreKeys.Document(Protest)], store.MatchingIds(new SearchRequest { Query = "الرباط OR كلمةغيرموجودة" }));
        Assert.Equal(meetings, store.MatchingIds(new SearchRequest { Query = "الخارجية -الرباط" }));
        Assert.Empty(store.MatchingIds(new SearchRequest { Query = "كلمةغيرموجودة" }));
        // The set is the search's: its size is the total, its members every hit of a page that holds them all.
        var r = store.Search(new SearchRequest { Query = "الخارجية", Limit = 10 });
        Assert.Equal(r.Hits.Select(h => h.Id).Order(StringComparer.Ordinal), store.MatchingIds(new SearchRequest { Query = "الخارجية" }));
        Assert.Throws<Index.SearchRefusedException>(() => store.MatchingIds(new SearchRequest { Query = "/(.*a.{30})/" }));
    }

    [StoreFact]
    public void Entities_are_found_by_name_with_their_documents_and_countries_resolve()
    {
        var store = Seeded();
        var found = store.FindEntities("القاهرة", null, 10);
        var cairo = Assert.Single(found.Entities, e => e.Type == "LOC" && e.Name.Contains("القاهرة"));
        Assert.True(found.Total >= found.Entities.Count);
        Assert.Equal(2, cairo.Documents);
        Assert.Equal(cairo, store.GetEntity(cairo.Key));
        var docs = store.DocumentsOf(cairo.Key, 10);
        Assert.Equal(2, docs.Count);
        Assert.All(docs, d => Assert.Contains("القاهرة", d.Text));
        // Pages: the second from offset 1, none past the end.
        Assert.Equal(docs.Skip(1).Select(d => d.Id), store.DocumentsOf(cairo.Key, 10, offset: 1).Select(d => d.Id));
        Assert.Empty(store.DocumentsOf(cairo.Key, 10, offset: 2));
        Assert.Contains(store.Cooccurring(cairo.Key, 10), c => c.Key == "iso3166:EG");
        Assert.Null(store.GetEntity("marsad:LOC:غير-موجود"));

        var names = store.LookupEntities([cairo.Key, "iso3166:EG", "marsad:LOC:غير-موجود"]);
        Assert.Equal(2, names.Count);
        Assert.Equal("EG", names[cairo.Key].Country);

        Assert.Equal("EG", store.ResolveCountry("مصر"));
        Assert.Equal("EG", store.ResolveCountry("Egypt"));
        Assert.Equal("MA", store.ResolveCountry("iso3166:ma"));
        Assert.Null(store.ResolveCountry("بلادلاوجودلها"));
    }

    [StoreFact]
    public void Events_page_by_cursor_and_by_number_and_agree_with_their_counts()
    {
        var store = Seeded();
        var all = store.LoadEvents(new MergedEventFilter(), withSources: true);
        Assert.NotEmpty(all);
        Assert.True(all.Zip(all.Skip(1)).All(p => string.CompareOrdinal(p.First.Date + p.First.Id, p.Second.Date + p.Second.Id) < 0), "oldest first");
        var meeting = Assert.Single(all, e => e.Type == "CONSULT");
        Assert.Equal(2, meeting.Sources.Select(s => s.DocumentId).Distinct().Count());
        Assert.Equal("EG", meeting.Country);
        foreach (var s in meeting.Sources)
        {
            var text = store.GetDocument(s.DocumentId)!.Text;
            Assert.Equal(s.Trigger, text[s.TriggerStart..s.TriggerEnd]);
        }

        var (count, reports) = store.CountEvents(new MergedEventFilter());
        Assert.Equal(all.Count, count);
        Assert.Equal(all.Sum(e => (long)e.Reports), reports);

        // Keyset pages of one, newest first, walk every event once.
        var walked = new List<string>();
        EventCursor? cursor = null;
        do
        {
            var page = store.QueryEvents(new EventPageRequest(new MergedEventFilter(), PageSize: 1, Cursor: cursor));
            Assert.Equal(count, page.Total);
            walked.AddRange(page.Events.Select(e => e.Id));
            cursor = page.Next;
        } while (cursor is not null && walked.Count <= count);
        Assert.Equal(all.Select(e => e.Id).Reverse(), walked);
        var second = store.QueryEvents(new EventPageRequest(new MergedEventFilter(), PageSize: 1, Page: 2));
        Assert.Equal(walked.Skip(1).Take(1), second.Events.Select(e => e.Id));

        Assert.Single(store.LoadEvents(new MergedEventFilter(Type: "consult", Country: "EG")));
        Assert.Empty(store.LoadEvents(new MergedEventFilter(Type: "CONSULT", From: new DateOnly(2024, 5, 1))));
        var involving = store.EventsInvolving("iso3166:EG", 100);
        Assert.Contains(involving, e => e.Id == meeting.Id);
        Assert.Equal(involving.Count, store.CountEventsInvolving("iso3166:EG"));
        Assert.Equal(involving.Skip(1).Select(e => e.Id), store.EventsInvolving("iso3166:EG", 100, offset: 1).Select(e => e.Id));
    }

    [StoreFact]
    public void Indicators_count_merged_events_and_name_countries()
    {
        var store = Seeded();
        var (events, reports) = store.CountEvents(new MergedEventFilter());
        var byType = store.Indicators(IndicatorGrouping.Type, new MergedEventFilter());
        Assert.Equal(events, byType.Events);
        Assert.Equal(reports, byType.Reports);
        Assert.Equal(events, byType.Rows.Sum(r => r.Events));
        Assert.Equal(1, byType.Rows.Single(r => r.Key == "CONSULT").Events);

        var byCountry = store.Indicators(IndicatorGrouping.Country, new MergedEventFilter());
        var egypt = byCountry.Rows.Single(r => r.Key == "EG");
        Assert.NotEqual("EG", egypt.Label); // the country's name, not its code
        Assert.True(byCountry.Rows.Zip(byCountry.Rows.Skip(1)).All(p => p.First.Events >= p.Second.Events), "most events first");

        var byMonth = store.Indicators(IndicatorGrouping.Month, new MergedEventFilter());
        Assert.Equal(byMonth.Rows.Select(r => r.Key).Order(StringComparer.Ordinal), byMonth.Rows.Select(r => r.Key));
        var byPlace = store.Indicators(IndicatorGrouping.Place, new MergedEventFilter());
        Assert.All(byPlace.Rows, r => Assert.True(r.Lat is not null && r.Lon is not null));

        // Every grouping under every filter (the count by actor once failed with a type filter: "ambiguous column name").
        var consult = new MergedEventFilter(Type: "consult");
        foreach (var by in Enum.GetValues<IndicatorGrouping>())
        {
            var t = store.Indicators(by, consult);
            Assert.Equal(1, t.Events);
            Assert.Equal(store.CountEvents(consult).Events, t.Events);
        }
    }

    [StoreFact]
    public void The_stamp_and_the_changes_feed_follow_ingest_and_another_handle_sees_them()
    {
        var store = Track(OpenEmpty());
        var before = store.Stamp();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        store.Ingest([IngestItem.Ok(Meeting, "a"), IngestItem.Ok(Protest, "b")], Options);
        var after = store.Stamp();
        Assert.NotEqual(before, after);
        Assert.Equal(2, after.Count);

        var events = store.LoadEvents(new MergedEventFilter());
        var changes = store.Changes(since);
        Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), changes.Where(c => c.Change == "added").Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Empty(store.Changes(DateTimeOffset.UtcNow.AddMinutes(1)));

        var other = Track(Reopen(store));
        Assert.Equal(after, other.Stamp());
        Assert.Equal(events.Select(e => e.Id), other.LoadEvents(new MergedEventFilter()).Select(e => e.Id));
        Assert.Equal(2, other.Search(new SearchRequest { Query = "" }).Total);
    }
}

/// <summary>
/// On a contract subclass: whether its store can be tested here (when not, its cases are not listed: the store's own
/// project reports the one skip saying how to run them) and which cases wait for work on another branch (skipped, with why).
/// This file is shared by every store's test project (linked, not copied).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class ContractStoreAttribute : Attribute
{
    public virtual bool Available => true;

    /// <summary>Why the case <paramref name="method"/> is skipped on this store; null: it runs.</summary>
    public virtual string? SkipReason(string method) => null;
}

/// <summary>A contract case: run on every subclass whose <see cref="ContractStoreAttribute"/> says its store is there.</summary>
[XunitTestCaseDiscoverer("Marsad.Store.Tests.Contract.StoreFactDiscoverer", ContractAssembly.Name)] // each project that links this file names itself in its ContractAssembly.cs
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var store = testMethod.TestClass.Class.ToRuntimeType() is { } type
            ? (ContractStoreAttribute?)Attribute.GetCustomAttribute(type, typeof(ContractStoreAttribute), inherit: false) : null;
        if (store is null) return base.Discover(discoveryOptions, testMethod, factAttribute);
        if (!store.Available) return [];
        if (store.SkipReason(testMethod.Method.Name) is not { } reason) return base.Discover(discoveryOptions, testMethod, factAttribute);
        return [new SkippedContractCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}

/// <summary>A contract case skipped on one store, with the reason.</summary>
public sealed class SkippedContractCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("for the deserializer only")]
    public SkippedContractCase() { }

    public SkippedContractCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, method)
    {
        // The base may have read the skip reason already (before this field was set): set it again.
        _reason = reason;
        SkipReason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipContractReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        _reason = data.GetValue<string>("SkipContractReason");
        SkipReason = _reason;
    }
}
