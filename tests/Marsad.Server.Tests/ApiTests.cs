using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Marsad.Server.Tests;

/// <summary>Every endpoint, with good and bad input, against the real app and a real archive.</summary>
[Collection("server")]
public sealed class ApiTests(ServerFixture f)
{
    private HttpClient Client => f.Client;

    private async Task<JsonElement> Json(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var res = await Client.GetAsync(url);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(expected == res.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)res.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A problem-details body with the status, and nothing that looks like a stack trace.</summary>
    private static async Task<JsonElement> AssertProblem(HttpResponseMessage res, HttpStatusCode status, string? detailContains = null)
    {
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(status == res.StatusCode, $"expected {(int)status}, got {(int)res.StatusCode}: {body}");
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        if (detailContains is not null) Assert.Contains(detailContains, json.GetProperty("detail").GetString());
        Assert.DoesNotContain(" at Marsad.", body);
        Assert.DoesNotContain("StackTrace", body, StringComparison.OrdinalIgnoreCase);
        Assert.False(json.TryGetProperty("exception", out _));
        return json;
    }

    private async Task<JsonElement> Problem(string url, HttpStatusCode status, string? detailContains = null)
    {
        using var res = await Client.GetAsync(url);
        return await AssertProblem(res, status, detailContains);
    }

    private static string Q(string s) => Uri.EscapeDataString(s);

    // ---------------------------------------------------------------- search

    [Fact]
    public async Task Search_in_Arabic_finds_the_article_and_marks_the_match()
    {
        var r = await Json($"/api/search?q={Q("اتفاقية")}");
        Assert.Equal(1, r.GetProperty("total").GetInt64());
        var hit = r.GetProperty("hits")[0];
        Assert.Equal(f.Ids["water"], hit.GetProperty("id").GetString());
        Assert.Equal("2024-03-13", hit.GetProperty("published").GetString());
        var matches = hit.GetProperty("snippet").EnumerateArray().Where(s => s.GetProperty("match").GetBoolean()).Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Contains(matches, m => m!.Contains("اتفاقية"));
        // Snippets are plain text pieces: no markup from the highlighter.
        Assert.DoesNotContain(hit.GetProperty("snippet").EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("<mark>"));
    }

    [Fact]
    public async Task Empty_query_lists_everything_newest_first_with_facets()
    {
        foreach (var url in new[] { "/api/search", "/api/search?q=", $"/api/search?q={Q("   ")}" })
        {
            var r = await Json(url);
            Assert.True(r.GetProperty("total").GetInt64() >= 3);
            var dates = r.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("published").GetString()).Where(d => d is not null).ToList();
            Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        }
        var facets = (await Json("/api/search")).GetProperty("facets");
        var categories = facets.GetProperty("category").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("count").GetInt64());
        Assert.Equal(2, categories["economy"]);
        Assert.Equal(1, categories["politics"]);
        Assert.Contains(facets.GetProperty("month").EnumerateArray(), m => m.GetProperty("value").GetString() == "2024-05");
        Assert.Contains(facets.GetProperty("source").EnumerateArray(), m => m.GetProperty("value").GetString() == "tests");
    }

    [Theory]
    [InlineData("category=economy", 2)]
    [InlineData("category=economy&from=2024-06-01", 1)]
    [InlineData("from=2024-05&to=2024-05", 1)]
    [InlineData("to=2024-03", 3)]
    [InlineData("to=2024-03&category=security", 2)]
    [InlineData("from=2023&to=2023", 0)]
    [InlineData("source=tests&category=politics", 1)]
    [InlineData("category=sport", 0)]
    public async Task Filters_narrow_the_results(string query, int expected)
    {
        var r = await Json("/api/search?" + query);
        Assert.Equal(expected, r.GetProperty("hits").EnumerateArray().Count(h => h.GetProperty("id").GetString() is { } id && f.Ids.ContainsValue(id)));
    }

    [Theory]
    [InlineData("/api/search?qq=x", "Unknown query parameter 'qq'")]
    [InlineData("/api/search?q=a&q=b", "more than once")]
    [InlineData("/api/search?from=2024-13-01", "'from' must be a date")]
    [InlineData("/api/search?to=yesterday", "'to' must be a date")]
    [InlineData("/api/search?from=2024-06-01&to=2024-01-01", "'from' is after 'to'")]
    [InlineData("/api/search?page=0", "'page'")]
    [InlineData("/api/search?page=-1", "'page'")]
    [InlineData("/api/search?page=abc", "'page'")]
    [InlineData("/api/search?page=99999999999", "'page'")]
    [InlineData("/api/search?q=%00abc", "control character")]
    [InlineData("/api/search?entity=%3Cscript%3E", "entity id")]
    public async Task Bad_search_input_is_a_400_problem(string url, string detail) =>
        await Problem(url, HttpStatusCode.BadRequest, detail);

    [Fact]
    public async Task Huge_query_is_refused_and_long_but_allowed_query_works()
    {
        await Problem("/api/search?q=" + Q(string.Concat(Enumerable.Repeat("مياه ", 2000))), HttpStatusCode.BadRequest, "limit is 500");
        var r = await Json("/api/search?q=" + Q(string.Join(" OR ", Enumerable.Repeat("مياه", 60))));
        Assert.True(r.GetProperty("total").GetInt64() >= 1);
    }

    [Theory]
    [InlineData("\"((( AND :")]
    [InlineData("title:")]
    [InlineData("*?~^")]
    [InlineData("في من على")]
    public async Task Odd_query_syntax_does_not_fail(string q)
    {
        var r = await Json("/api/search?q=" + Q(q));
        Assert.True(r.GetProperty("total").GetInt64() >= 0);
    }

    [Fact]
    public async Task Page_past_the_end_is_empty_not_an_error()
    {
        var r = await Json("/api/search?page=500");
        Assert.Equal(0, r.GetProperty("hits").GetArrayLength());
        Assert.True(r.GetProperty("total").GetInt64() >= 3);
    }

    // ---------------------------------------------------------------- documents

    [Fact]
    public async Task Document_and_its_analysis_contract()
    {
        var id = f.Ids["strike"];
        var d = await Json($"/api/documents/{id}");
        Assert.Equal(id, d.GetProperty("id").GetString());
        Assert.Equal("إضراب عمال الموانئ في الدار البيضاء يدخل يومه الثالث", d.GetProperty("title").GetString());
        Assert.Equal("2024-05-06", d.GetProperty("published").GetString());
        Assert.Equal("economy", d.GetProperty("category").GetString());
        Assert.Contains("تكدست الحاويات", d.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Object, d.GetProperty("entity_ids").ValueKind);

        var a = await Json($"/api/documents/{id}/analysis");
        Assert.Equal("marsad.analysis/1", a.GetProperty("schema").GetString());
        Assert.Equal(id, a.GetProperty("document").GetProperty("id").GetString());
        Assert.Equal(d.GetProperty("text").GetString(), a.GetProperty("text").GetString());
        Assert.True(a.GetProperty("sentences").GetArrayLength() > 0);
        foreach (var e in a.GetProperty("entities").EnumerateArray())
            Assert.True(d.GetProperty("entity_ids").TryGetProperty(e.GetProperty("id").GetString()!, out _));
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("abc%24")]
    [InlineData("%3Cscript%3E")]
    [InlineData("a%20b")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public async Task Malformed_document_ids_are_400(string id)
    {
        await Problem($"/api/documents/{id}", HttpStatusCode.BadRequest, "document id");
        await Problem($"/api/documents/{id}/analysis", HttpStatusCode.BadRequest, "document id");
    }

    [Fact]
    public async Task Unknown_document_is_404_and_extra_parameters_are_400()
    {
        await Problem("/api/documents/0000000000000000", HttpStatusCode.NotFound, "0000000000000000");
        await Problem("/api/documents/0000000000000000/analysis", HttpStatusCode.NotFound);
        await Problem($"/api/documents/{f.Ids["water"]}?format=xml", HttpStatusCode.BadRequest, "Unknown query parameter");
    }

    // ---------------------------------------------------------------- ingest

    [Fact]
    public async Task Post_plain_text_creates_then_finds_the_same_article()
    {
        const string text = """
            افتتاح معرض الكتاب في تونس بمشاركة 300 دار نشر

            المعرض يستمر عشرة أيام ويستضيف ندوات فكرية

            افتتح معرض تونس الدولي للكتاب، يوم الجمعة، دورته الجديدة بمشاركة 300 دار نشر من 25 بلدا.

            بتاريخ : 12/04/2024
            """;
        using var first = await f.PostText(text, "?source=book-fair.txt&category=culture");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.True(created.GetProperty("created").GetBoolean());
        Assert.Equal($"/api/documents/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal("2024-04-12", created.GetProperty("published").GetString());

        using var again = await f.PostText(text);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("created").GetBoolean());

        var r = await Json($"/api/search?q={Q("معرض الكتاب")}");
        Assert.Contains(r.GetProperty("hits").EnumerateArray(), h => h.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Post_json_and_html_bodies()
    {
        using var json = await f.PostJson(new
        {
            title = "أمطار غزيرة تغلق طرقا في جبال الأطلس",
            body = "أغلقت السلطات، يوم الثلاثاء، عدة طرق جبلية في الأطلس بسبب الأمطار الغزيرة والثلوج، ودعت السائقين إلى الحذر.",
            published = "2024-01-09",
            category = "weather",
        });
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        var id = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var d = await Json($"/api/documents/{id}");
        Assert.Equal("2024-01-09", d.GetProperty("published").GetString());
        Assert.Equal("weather", d.GetProperty("category").GetString());

        const string html = """
            <!doctype html><html lang="ar"><head><meta charset="utf-8"><title>افتتاح خط جوي جديد بين الجزائر ونواكشوط</title></head>
            <body><article><h1>افتتاح خط جوي جديد بين الجزائر ونواكشوط</h1>
            <p>أعلنت شركة الطيران، يوم الأحد، افتتاح خط جوي مباشر بين الجزائر العاصمة ونواكشوط بمعدل رحلتين أسبوعيا.</p>
            <p>وقال المدير التجاري للشركة إن الخط الجديد سيسهل حركة المسافرين والتجارة بين البلدين.</p></article></body></html>
            """;
        using var page = await f.PostText(html, "?url=https%3A%2F%2Fnews.example%2Fa%2F1", "text/html");
        var body = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.Created, body);
        var hid = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var hd = await Json($"/api/documents/{hid}");
        Assert.Contains("خط جوي", hd.GetProperty("title").GetString());
        Assert.Contains("رحلتين أسبوعيا", hd.GetProperty("text").GetString());
        Assert.DoesNotContain("<p>", hd.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Hostile_text_is_stored_and_returned_as_the_same_text()
    {
        const string title = "خبر فيه <script>alert(1)</script> وسم";
        const string body = "قال المتحدث \"><img src=x onerror=alert(2)> ثم أضاف <script>document.cookie</script> في المؤتمر الصحفي بالرباط يوم الخميس.";
        using var res = await f.PostJson(new { title, subtitle = "\"><img onerror=alert(3) src=x>", body, published = "2024-02-02" });
        var json = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, json);
        var id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;

        using var get = await Client.GetAsync($"/api/documents/{id}");
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", get.Headers.GetValues("X-Content-Type-Options").Single());
        var d = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(title, d.GetProperty("title").GetString());
        Assert.Contains(body, d.GetProperty("text").GetString());
        Assert.Equal("\"><img onerror=alert(3) src=x>", d.GetProperty("subtitle").GetString());
        var a = await Json($"/api/documents/{id}/analysis");
        Assert.Contains("<script>alert(1)</script>", a.GetProperty("text").GetString());

        // Found by search, with the markup as text in the snippet.
        var s = await Json($"/api/search?q={Q("المتحدث")}");
        var hit = s.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == id);
        var snippet = string.Concat(hit.GetProperty("snippet").EnumerateArray().Select(x => x.GetProperty("text").GetString()));
        Assert.Contains("<img src=x onerror=alert(2)>", snippet);
    }

    [Fact]
    public async Task Ten_megabyte_post_is_413_problem()
    {
        var big = new byte[10 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        using var content = new ByteArrayContent(big);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var res = await Client.PostAsync("/api/documents", content);
        await AssertProblem(res, HttpStatusCode.RequestEntityTooLarge, "limit of 2097152 bytes");
    }

    [Fact]
    public async Task Oversized_chunked_post_without_length_is_413_problem()
    {
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("نص طويل جدا ", 20_000)));
        using var content = new PushContent(chunk, times: 10);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var res = await Client.PostAsync("/api/documents", content);
        await AssertProblem(res, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("application/xml", "<a/>", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("image/png", "xx", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/plain", "", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "   \n\n  ", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[1,2,3]", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"title\": \"عنوان\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"body\": \"نص بلا عنوان\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"title\": \"عنوان\", \"body\": \"نص\", \"published\": \"13/03/2024\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"title\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": 1}}}}}}}}}", HttpStatusCode.BadRequest)]
    public async Task Bad_posts_are_problems(string mediaType, string body, HttpStatusCode status)
    {
        using var res = await f.PostText(body, "", mediaType);
        await AssertProblem(res, status);
    }

    [Fact]
    public async Task Binary_body_and_missing_content_type_and_unknown_parameter_are_refused()
    {
        using var bin = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 9, 9, 0, 0]);
        bin.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await AssertProblem(await Client.PostAsync("/api/documents", bin), HttpStatusCode.BadRequest);

        using var none = new ByteArrayContent(Encoding.UTF8.GetBytes("عنوان\n\nنص"));
        await AssertProblem(await Client.PostAsync("/api/documents", none), HttpStatusCode.UnsupportedMediaType);

        await AssertProblem(await f.PostText("عنوان\n\nنص الخبر هنا.", "?sauce=x"), HttpStatusCode.BadRequest, "Unknown query parameter");
    }

    // ---------------------------------------------------------------- entities, events, indicators

    [Fact]
    public async Task Entities_list_and_lookup()
    {
        var all = await Json("/api/entities");
        Assert.True(all.GetProperty("total").GetInt64() >= all.GetProperty("entities").GetArrayLength());
        foreach (var e in all.GetProperty("entities").EnumerateArray())
        {
            var id = e.GetProperty("id").GetString()!;
            var one = await Json($"/api/entities/{Uri.EscapeDataString(id)}");
            Assert.Equal(id, one.GetProperty("entity").GetProperty("id").GetString());
            Assert.True(one.GetProperty("documents").GetArrayLength() >= 1, $"entity {id} lists no document");
            // Entities found in the archive are found by their name too.
            var byName = await Json($"/api/entities?q={Q(e.GetProperty("name").GetString()!)}");
            Assert.Contains(byName.GetProperty("entities").EnumerateArray(), x => x.GetProperty("id").GetString() == id);
        }
        var loc = await Json("/api/entities?type=loc&limit=5");
        Assert.All(loc.GetProperty("entities").EnumerateArray(), e => Assert.Equal("LOC", e.GetProperty("type").GetString()));
        Assert.Equal(0, (await Json($"/api/entities?q={Q("لا يوجد كيان بهذا الاسم")}")).GetProperty("entities").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/entities?type=PERSON", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities?limit=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities?name=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities/iso3166:ZZ", HttpStatusCode.NotFound)]
    [InlineData("/api/entities/marsad:ORG:%D9%84%D8%A7_%D8%B4%D9%8A%D8%A1", HttpStatusCode.NotFound)]
    [InlineData("/api/entities/a%20b", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities/%3Cimg%3E", HttpStatusCode.BadRequest)]
    [InlineData("/api/entities/..%2F..%2Fmarsad.db", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?type=PARTY", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?from=2024-02-30", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?from=2024-06&to=2024-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?region=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators?by=weather", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators?type=PARTY", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators?page=2", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators?by=type&group=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators?from=soon", HttpStatusCode.BadRequest)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    public async Task Bad_entity_event_and_indicator_requests(string url, HttpStatusCode status) =>
        await Problem(url, status);

    [Fact]
    public async Task Events_and_indicators_answer_from_the_archive()
    {
        var all = await Json("/api/events");
        var total = all.GetProperty("total").GetInt64();
        Assert.True(total >= 1, "the archive's articles code no event");
        Assert.Equal(Math.Min(total, 50), all.GetProperty("events").GetArrayLength());
        foreach (var v in all.GetProperty("events").EnumerateArray())
        {
            Assert.Contains(v.GetProperty("type").GetString(), Features.EventEndpoints.Types);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", v.GetProperty("date").GetString());
            Assert.True(v.GetProperty("sources").GetArrayLength() >= 1);
            foreach (var s in v.GetProperty("sources").EnumerateArray())
                Assert.Equal(16, s.GetProperty("document_id").GetString()!.Length);
        }
        var filtered = await Json("/api/events?type=assault&from=2024-01-01&to=2024-12-31&country=MA&actor=x");
        Assert.True(filtered.GetProperty("total").GetInt64() <= total);
        Assert.Equal(0, (await Json("/api/events?page=1000")).GetProperty("events").GetArrayLength());

        foreach (var by in new[] { "type", "country", "actor", "month", "place" })
        {
            var ind = await Json($"/api/indicators?by={by}");
            Assert.Equal(by, ind.GetProperty("by").GetString());
            Assert.All(ind.GetProperty("rows").EnumerateArray(), r => Assert.True(r.GetProperty("count").GetInt64() > 0));
        }
        var byType = (await Json("/api/indicators?by=type")).GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("count").GetInt64());
        Assert.Equal(total, byType);
        Assert.Equal("month", (await Json("/api/indicators")).GetProperty("by").GetString());
    }

    /// <summary>Streams a body in pieces without announcing its length (chunked).</summary>
    private sealed class PushContent(byte[] chunk, int times) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (int i = 0; i < times; i++) await stream.WriteAsync(chunk);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
