using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marsad.Analysis;
using Marsad.Server.Features;
using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marsad.Server.Tests;

/// <summary>Issue 14 over HTTP: costly queries (item 1), cross-site writes and hosts (item 6), 500s (item 7), an immense word (item 3).</summary>
[Collection("server")]
public sealed class HardeningTests(ServerFixture f)
{
    private static async Task<(HttpStatusCode Status, string Detail)> Problem(HttpResponseMessage res)
    {
        var body = await res.Content.ReadAsStringAsync();
        var detail = body.Length > 0 && body.TrimStart().StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : body;
        return (res.StatusCode, detail);
    }

    [Theory]
    [InlineData("/(.*a.{30})/", "regular expressions")]
    [InlineData("م*", "wildcard")]
    [InlineData("أ~ ب~ ت~ ث~ ج~ ح~ خ~ د~ ذ~ ر~", "at most 4")]
    [InlineData("[ا TO ي]", "ranges of words")]
    public async Task A_costly_query_gets_400_naming_the_reason(string q, string reason)
    {
        var search = f.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        Assert.True(await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(20))) == search, "the search did not answer within 20 s");
        using var res = await search;
        var (status, detail) = await Problem(res);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, detail);
    }

    [Fact]
    public async Task A_cross_site_form_cannot_store_a_document()
    {
        var before = await f.Client.GetStringAsync("/api/search");
        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/documents")
            {
                Content = new StringContent("عنوان من موقع آخر\n\nنص أرسله نموذج من موقع آخر إلى الأرشيف.", Encoding.UTF8, "text/plain"),
            };
            req.Headers.Add(header, value);
            using var res = await f.Client.SendAsync(req);
            var (status, detail) = await Problem(res);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("own page", detail);
        }
        // Same origin but text/plain from a browser: refused too (a form can send that).
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = new StringContent("عنوان\n\nنص.", Encoding.UTF8, "text/plain") };
        plain.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Client.SendAsync(plain)).StatusCode);
        Assert.Equal(before, await f.Client.GetStringAsync("/api/search"));
    }

    [Fact]
    public async Task Another_host_name_is_not_answered()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=x");
        req.Headers.Host = "rebind.evil.example";
        using var res = await f.Client.SendAsync(req);
        var (status, detail) = await Problem(res);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rebind.evil.example", detail);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync("/api/search?q=x")).StatusCode);
    }

    [Fact]
    public void Allowed_hosts_follow_the_listen_addresses()
    {
        Assert.Equal(["127.0.0.1", "[::1]", "localhost"], RequestGuards.AllowedHosts("http://127.0.0.1:5080", [])!.Order(StringComparer.Ordinal));
        Assert.Null(RequestGuards.AllowedHosts("http://0.0.0.0:5080", []));
        Assert.Equal(["marsad.lan"], RequestGuards.AllowedHosts("http://0.0.0.0:5080", ["marsad.lan"]));
    }

    [Fact]
    public async Task A_word_past_the_index_limit_is_a_400_not_a_500()
    {
        using var res = await f.PostText("مقال بكلمة لا تنتهي\n\nبداية " + new string('ن', 20_000) + " نهاية.");
        var (status, detail) = await Problem(res);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("32,766", detail);
    }

    [Fact]
    public async Task A_500_keeps_the_security_headers_and_says_nothing_of_the_exception()
    {
        string data = Path.Combine(Path.GetTempPath(), "marsad-500-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = data }, b =>
        {
            b.WebHost.UseTestServer();
            b.Services.AddSingleton<IArchive>(new FailingArchive());
        });
        await app.StartAsync();
        try
        {
            using var res = await app.GetTestClient().GetAsync("/api/search?q=x");
            Assert.Equal(HttpStatusCode.InternalServerError, res.StatusCode);
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("default-src 'self'", res.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("secret detail", await res.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class FailingArchive : IArchive
    {
        private static Exception Fail() => new InvalidOperationException("secret detail");
        public Marsad.Store.StoreStamp Stamp() => throw Fail();
        public SearchResponse Search(SearchQuery query, CancellationToken cancellationToken = default) => throw Fail();
        public DocumentResponse? GetDocument(string id) => throw Fail();
        public string? GetAnalysisJson(string id) => throw Fail();
        public IngestResponse Ingest(ArticleInput article, CancellationToken cancellationToken = default) => throw Fail();
        public EntitiesResponse Entities(string query, string? type, int limit) => throw Fail();
        public EntityDetail? GetEntity(string id, int documentsPage = 1, int eventsPage = 1) => throw Fail();
        public EventsResponse Events(EventQuery query) => throw Fail();
        public void ExportEvents(EventQuery query, string format, TextWriter writer) => throw Fail();
        public IndicatorsResponse Indicators(string by, EventQuery filter) => throw Fail();
    }
}

/// <summary>Issue 14, item 10: entity keys with '#' or '’' (97 in the ANT archive) reach the entity page and the filter.</summary>
[Collection("server")]
public sealed class EntityKeyTests(ServerFixture f)
{
    [Theory]
    [InlineData("marsad:ORG:c#")]
    [InlineData("marsad:PER:o’neill")]
    public async Task Keys_with_punctuation_are_looked_up_not_refused(string key)
    {
        using var entity = await f.Client.GetAsync("/api/entities/" + Uri.EscapeDataString(key));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, entity.StatusCode);
        using var search = await f.Client.GetAsync("/api/search?entity=" + Uri.EscapeDataString(key));
        Assert.Equal(System.Net.HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("\"total\":0", await search.Content.ReadAsStringAsync());
    }
}
