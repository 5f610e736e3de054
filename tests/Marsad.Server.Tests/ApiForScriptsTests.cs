using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marsad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Marsad.Server.Tests;

/// <summary>The API for scripts: export formats, size, sort, cursor paging, the changes feed, compression, ETag, CORS and OpenAPI.</summary>
[Collection("server")]
public sealed class ApiForScriptsTests(ServerFixture f)
{
    private HttpClient Client => f.Client;

    private async Task<(HttpResponseMessage Res, string Body)> Get(string url, Action<HttpRequestMessage>? setup = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, url);
        setup?.Invoke(req);
        var res = await Client.SendAsync(req);
        return (res, await res.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> Json(string url)
    {
        var (res, body) = await Get(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Events_in_every_format()
    {
        var (csv, csvBody) = await Get("/api/events?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("event_id_cnty,event_date,year,time_precision,", csvBody, StringComparison.Ordinal);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
        var (plover, ploverBody) = await Get("/api/events?format=plover&type=ASSAULT");
        Assert.Equal("application/x-ndjson", plover.Content.Headers.ContentType!.MediaType);
        var lines = ploverBody.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("ASSAULT", JsonDocument.Parse(l).RootElement.GetProperty("event_type").GetString()));
        var (_, jsonl) = await Get("/api/events?format=jsonl&size=1");
        Assert.Single(jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/events?format=xlsx")).Res.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/events?country=Atlantis")).Res.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/events?country=" + Uri.EscapeDataString("العراق"))).Res.StatusCode);
    }

    [Fact]
    public async Task Cursor_pages_cover_every_event_once_in_date_order()
    {
        var all = await Json("/api/events?size=1000&sort=date_asc");
        var expected = all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.True(expected.Count >= 2, "the fixture has several events");
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await Json("/api/events?size=1&sort=date_asc" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null && seen.Count <= expected.Count);
        Assert.Equal(expected, seen);
        var dates = all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("date").GetString()).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/events?cursor=nonsense")).Res.StatusCode);
    }

    [Fact]
    public async Task Updated_since_lists_changed_events_and_says_when_to_ask_next()
    {
        var feed = await Json("/api/events?updated_since=2000-01-01&size=1000");
        Assert.Equal(feed.GetProperty("total").GetInt64(), feed.GetProperty("events").GetArrayLength());
        Assert.True(feed.GetProperty("events").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Array, feed.GetProperty("deleted").ValueKind);
        var asOf = feed.GetProperty("as_of").GetString()!;
        var later = await Json("/api/events?updated_since=" + Uri.EscapeDataString(DateTimeOffset.Parse(asOf).AddSeconds(1).ToString("O")));
        Assert.Equal(0, later.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/events?updated_since=yesterday")).Res.StatusCode);
    }

    [Fact]
    public async Task Search_size_sort_cursor_and_formats()
    {
        var first = await Json("/api/search?size=1&sort=date");
        Assert.Equal(1, first.GetProperty("hits").GetArrayLength());
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);
        var second = await Json("/api/search?size=1&sort=date&cursor=" + cursor);
        Assert.NotEqual(first.GetProperty("hits")[0].GetProperty("id").GetString(), second.GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.True(string.CompareOrdinal(first.GetProperty("hits")[0].GetProperty("published").GetString(), second.GetProperty("hits")[0].GetProperty("published").GetString()) >= 0);
        // A cursor belongs to its search.
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/search?size=2&sort=date&cursor=" + cursor)).Res.StatusCode);
        var (csv, body) = await Get("/api/search?q=" + Uri.EscapeDataString("الموصل") + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id,title,published,source,category,score,snippet\n", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/search?size=101")).Res.StatusCode);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Responses_are_compressed_when_asked(string encoding)
    {
        var (res, _) = await Get("/api/events?size=1000", r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding)));
        Assert.Equal(encoding, Assert.Single(res.Content.Headers.ContentEncoding));
        var raw = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/events?size=1000") { Headers = { AcceptEncoding = { new StringWithQualityHeaderValue(encoding) } } });
        await using var stream = await raw.Content.ReadAsStreamAsync();
        await using Stream inflate = encoding == "gzip" ? new GZipStream(stream, CompressionMode.Decompress) : new BrotliStream(stream, CompressionMode.Decompress);
        var json = await JsonDocument.ParseAsync(inflate);
        Assert.True(json.RootElement.GetProperty("total").GetInt64() > 0);
    }

    [Fact]
    public async Task Stored_documents_have_an_etag_and_answer_304()
    {
        string id = f.Ids.Values.First();
        foreach (var path in new[] { $"/api/documents/{id}", $"/api/documents/{id}/analysis" })
        {
            var (res, _) = await Get(path);
            var tag = res.Headers.ETag;
            Assert.True(tag is not null, $"{path} {(int)res.StatusCode}: {res.Headers}");
            Assert.Contains(id, tag!.Tag);
            var (again, body) = await Get(path, r => r.Headers.IfNoneMatch.Add(tag));
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Equal("", body);
            var (other, _) = await Get(path, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        Assert.Null((await Get("/api/documents/nosuchdocument")).Res.Headers.ETag);
    }

    [Fact]
    public async Task Cors_is_off_by_default()
    {
        var (res, _) = await Get("/api/events", r => r.Headers.Add("Origin", "http://localhost:8888"));
        Assert.False(res.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_origin_allows_that_origin_to_read_only()
    {
        var data = Path.Combine(Path.GetTempPath(), "marsad-cors-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = data, CorsOrigins = ["http://localhost:8888"] }, b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        var ok = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        ok.Headers.Add("Origin", "http://localhost:8888");
        var res = await client.SendAsync(ok);
        Assert.Equal("http://localhost:8888", res.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        other.Headers.Add("Origin", "http://evil.example");
        Assert.False((await client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/documents");
        preflight.Headers.Add("Origin", "http://localhost:8888");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var pre = await client.SendAsync(preflight);
        Assert.False(pre.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("POST")));
        await app.StopAsync();
        Assert.Throws<ArgumentException>(() => MarsadServer.CheckOrigins(["*"]));
        Assert.Throws<ArgumentException>(() => MarsadServer.CheckOrigins(["http://x.example/path"]));
    }

    [Fact]
    public async Task OpenApi_types_enums_and_descriptions()
    {
        var doc = await Json("/openapi/v1.json");
        var events = doc.GetProperty("paths").GetProperty("/api/events").GetProperty("get");
        var ps = events.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("integer", ps["size"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("plover", ps["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ASSAULT", ps["type"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.All(ps.Values, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString()), p.GetProperty("name").GetString()));
        var analysis = doc.GetProperty("paths").GetProperty("/api/documents/{id}/analysis").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(analysis.GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
    }
}
