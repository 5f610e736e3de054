using System.Net;
using System.Text.Json;

namespace Marsad.Server.Tests;

/// <summary>Merged events, the entity facet, and HEAD / wrong-method requests, against the real app.</summary>
[Collection("server")]
public sealed class EventsFacetsAndMethodsTests(ServerFixture f)
{
    private HttpClient Client => f.Client;

    private async Task<JsonElement> Json(string url)
    {
        using var res = await Client.GetAsync(url);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static List<string> SourceDocs(JsonElement ev) =>
        ev.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("document_id").GetString()!).ToList();

    // ---------------------------------------------------------------- merged events

    [Fact]
    public async Task One_attack_reported_by_two_articles_is_one_event_with_both_as_sources()
    {
        var all = await Json("/api/events");
        var events = all.GetProperty("events").EnumerateArray().ToList();
        var attack = events.Where(e => e.GetProperty("type").GetString() == "ASSAULT")
            .SingleOrDefault(e => SourceDocs(e).Contains(f.Ids["mosul1"]) && SourceDocs(e).Contains(f.Ids["mosul2"]));
        Assert.True(attack.ValueKind == JsonValueKind.Object, "no ASSAULT event has both Mosul articles as sources: " + all);
        Assert.Equal("2024-03-19", attack.GetProperty("date").GetString());
        Assert.Equal("IQ", attack.GetProperty("country").GetString());
        var place = attack.GetProperty("location");
        Assert.Equal("الموصل", place.GetProperty("name").GetString());
        Assert.True(place.GetProperty("lat").GetDouble() is > 30 and < 40);

        // Every source names its article and points at the trigger word in the stored text.
        foreach (var s in attack.GetProperty("sources").EnumerateArray())
        {
            var doc = await Json($"/api/documents/{s.GetProperty("document_id").GetString()}");
            Assert.Equal(doc.GetProperty("title").GetString(), s.GetProperty("title").GetString());
            var text = doc.GetProperty("text").GetString()!;
            var span = s.GetProperty("trigger_span");
            int start = span.GetProperty("start").GetInt32(), end = span.GetProperty("end").GetInt32();
            Assert.Equal(s.GetProperty("trigger").GetString(), text[start..end]);
            var sentence = s.GetProperty("sentence_span");
            Assert.Contains(text[start..end], text[sentence.GetProperty("start").GetInt32()..sentence.GetProperty("end").GetInt32()]);
        }

        // The totals add up: reports are the sources of all events; no report is listed twice.
        Assert.Equal(all.GetProperty("reports").GetInt64(), events.Sum(e => e.GetProperty("sources").GetArrayLength()));
        Assert.Equal(all.GetProperty("total").GetInt64(), events.Count);
        var reportIds = events.SelectMany(e => e.GetProperty("sources").EnumerateArray()
            .Select(s => s.GetProperty("document_id").GetString() + "/" + s.GetProperty("local_id").GetString())).ToList();
        Assert.Equal(reportIds.Count, reportIds.Distinct().Count());
        // Newest first.
        var dates = events.Select(e => e.GetProperty("date").GetString()!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Theory]
    [InlineData("type=ASSAULT")]
    [InlineData("type=assault&country=IQ")]
    [InlineData("country=iq")]
    [InlineData("country=%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82")] // العراق
    [InlineData("country=Iraq")]
    [InlineData("from=2024-03-19&to=2024-03-19")]
    [InlineData("from=2024-03&to=2024-03")]
    public async Task Event_filters_keep_the_attack(string filter)
    {
        var r = await Json("/api/events?" + filter);
        Assert.Contains(r.GetProperty("events").EnumerateArray(), e => SourceDocs(e).Contains(f.Ids["mosul1"]));
        Assert.All(r.GetProperty("events").EnumerateArray(), e =>
        {
            if (filter.Contains("type=")) Assert.Equal("ASSAULT", e.GetProperty("type").GetString());
            if (filter.Contains("country=")) Assert.Equal("IQ", e.GetProperty("country").GetString());
            if (filter.StartsWith("from=", StringComparison.Ordinal)) Assert.StartsWith("2024-03", e.GetProperty("date").GetString());
        });
    }

    [Theory]
    [InlineData("type=PROTEST")]
    [InlineData("country=MA")]
    [InlineData("from=2024-04-01")]
    [InlineData("to=2024-03-18")]
    [InlineData("actor=%D9%84%D8%A7%20%D8%A3%D8%AD%D8%AF")] // لا أحد
    public async Task Event_filters_leave_out_the_attack(string filter)
    {
        var r = await Json("/api/events?" + filter);
        Assert.DoesNotContain(r.GetProperty("events").EnumerateArray(), e => SourceDocs(e).Contains(f.Ids["mosul1"]));
    }

    [Fact]
    public async Task Indicators_count_merged_events_as_the_events_list_does()
    {
        var events = await Json("/api/events");
        foreach (var by in new[] { "type", "month", "country" })
        {
            var ind = await Json($"/api/indicators?by={by}");
            Assert.Equal("merged events", ind.GetProperty("counting").GetString());
            Assert.Equal(events.GetProperty("total").GetInt64(), ind.GetProperty("events").GetInt64());
            Assert.Equal(events.GetProperty("total").GetInt64(), ind.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("count").GetInt64()));
        }
        var assault = (await Json("/api/indicators?by=type&type=ASSAULT")).GetProperty("rows").EnumerateArray().Single();
        Assert.Equal("ASSAULT", assault.GetProperty("key").GetString());
        Assert.True(assault.GetProperty("fatalities").GetInt64() >= 3);
        Assert.True(assault.GetProperty("sources").GetInt64() >= 2);

        // By place: rows with coordinates for the map; Mosul among them.
        var places = (await Json("/api/indicators?by=place")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(places, p => p.GetProperty("label").GetString() == "الموصل");
        Assert.All(places, p => Assert.True(p.GetProperty("lat").ValueKind == JsonValueKind.Number && p.GetProperty("lon").ValueKind == JsonValueKind.Number));
    }

    [Fact]
    public async Task Entity_page_lists_the_merged_events_it_takes_part_in()
    {
        var mosul = (await Json($"/api/entities?q={Q("الموصل")}")).GetProperty("entities").EnumerateArray().First();
        var detail = await Json($"/api/entities/{Q(mosul.GetProperty("id").GetString()!)}");
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), e => SourceDocs(e).Count >= 2);
    }

    // ---------------------------------------------------------------- entity facet

    [Fact]
    public async Task Search_facets_list_entities_of_the_hits_and_filter_by_them()
    {
        var r = await Json($"/api/search?q={Q("الموصل")}");
        var entities = r.GetProperty("facets").GetProperty("entity").EnumerateArray().ToList();
        Assert.NotEmpty(entities);
        var mosul = entities.FirstOrDefault(e => e.GetProperty("label").GetString() == "الموصل");
        Assert.True(mosul.ValueKind == JsonValueKind.Object, "no facet value labelled الموصل: " + r.GetProperty("facets"));
        Assert.Equal(2, mosul.GetProperty("count").GetInt64());
        // Most documents first.
        var counts = entities.Select(e => e.GetProperty("count").GetInt64()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);

        // Clicking it filters: the whole archive narrowed to the documents that mention it.
        var filtered = await Json($"/api/search?entity={Q(mosul.GetProperty("value").GetString()!)}");
        Assert.Equal(2, filtered.GetProperty("total").GetInt64());
        Assert.Equal(new[] { f.Ids["mosul1"], f.Ids["mosul2"] }.Order(StringComparer.Ordinal),
            filtered.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------- methods

    [Theory]
    [InlineData("/api/search?q=%D9%85%D9%8A%D8%A7%D9%87")]
    [InlineData("/api/entities")]
    [InlineData("/api/events")]
    [InlineData("/api/indicators?by=type")]
    [InlineData("/")]
    [InlineData("/assets/js/app.js")]
    [InlineData("/openapi/v1.json")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        using var get = await Client.GetAsync(url);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.True(head.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Head_on_documents_and_bad_input_keeps_the_status()
    {
        using var doc = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/documents/{f.Ids["water"]}"));
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        using var analysis = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/documents/{f.Ids["water"]}/analysis"));
        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        using var missing = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/documents/0000000000000000"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/search?page=0"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(await bad.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("HEAD", "/api/documents", "POST")]
    [InlineData("GET", "/api/documents", "POST")]
    [InlineData("DELETE", "/api/documents/0123456789abcdef", "GET, HEAD")]
    [InlineData("PUT", "/api/search", "GET, HEAD")]
    [InlineData("POST", "/api/events", "GET, HEAD")]
    public async Task Wrong_method_is_405_with_allow(string method, string url, string allow)
    {
        using var res = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, res.StatusCode);
        Assert.Equal(allow, string.Join(", ", res.Content.Headers.Allow));
        if (method != "HEAD")
        {
            var body = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(405, body.GetProperty("status").GetInt32());
        }
    }
}
