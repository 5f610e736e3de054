using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marsad.Server.Features;

namespace Marsad.Server.Tests;

/// <summary>The page, its assets, the headers, OpenAPI, and the host's own rules.</summary>
[Collection("server")]
public sealed partial class PageAndHostTests(ServerFixture f)
{
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [Fact]
    public async Task Page_is_Arabic_rtl_with_strict_headers_and_no_inline_script()
    {
        using var res = await f.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/html", res.Content.Headers.ContentType?.MediaType);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        var csp = res.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", res.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", res.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(res.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/assets/js/app.js", "text/javascript")]
    [InlineData("/assets/js/views/article.js", "text/javascript")]
    [InlineData("/assets/css/app.css", "text/css")]
    [InlineData("/assets/data/world.json", "application/json")]
    [InlineData("/assets/favicon.svg", "image/svg+xml")]
    public async Task Assets_are_served_with_their_type_and_revalidated_by_etag(string url, string type)
    {
        using var res = await f.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(type, res.Content.Headers.ContentType?.MediaType);
        var etag = res.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag!);
        using var cached = await f.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }

    [Theory]
    [InlineData("/assets/../../../etc/passwd")]
    [InlineData("/assets/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/assets/%2e%2e/%2e%2e/Marsad.Server.dll")]
    [InlineData("/assets/index.html")]
    [InlineData("/assets/js/nope.js")]
    [InlineData("/assets/")]
    [InlineData("/marsad.db")]
    public async Task Nothing_outside_the_embedded_page_is_served(string url)
    {
        using var res = await f.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        var body = await res.Content.ReadAsStringAsync();
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task No_script_in_the_page_writes_html_from_strings()
    {
        // The page builds the DOM with text nodes only; guard against a later innerHTML creeping in.
        foreach (var path in new[] { "js/app.js", "js/dom.js", "js/chart.js", "js/i18n.js", "js/api.js", "js/views/search.js", "js/views/article.js", "js/views/entity.js", "js/views/events.js", "js/views/overview.js", "js/views/common.js" })
        {
            var js = await f.Client.GetStringAsync("/assets/" + path);
            Assert.DoesNotContain("innerHTML", js);
            Assert.DoesNotContain("outerHTML", js);
            Assert.DoesNotContain("insertAdjacentHTML", js);
            Assert.DoesNotContain("document.write", js);
            Assert.DoesNotContain("eval(", js);
        }
    }

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint()
    {
        var doc = JsonDocument.Parse(await f.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var p in new[] { "/api/search", "/api/documents", "/api/documents/{id}", "/api/documents/{id}/analysis", "/api/entities", "/api/entities/{id}", "/api/events", "/api/indicators" })
            Assert.Contains(p, paths);
    }

    [Fact]
    public async Task World_map_data_is_projected_outlines()
    {
        var world = JsonDocument.Parse(await f.Client.GetStringAsync("/assets/data/world.json")).RootElement;
        Assert.Equal("equirectangular", world.GetProperty("projection").GetProperty("type").GetString());
        var countries = world.GetProperty("countries").EnumerateArray().ToList();
        Assert.True(countries.Count > 150);
        Assert.Contains(countries, c => c.GetProperty("name").GetString() == "Morocco");
        Assert.All(countries, c => Assert.StartsWith("M", c.GetProperty("d").GetString()));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("https://127.0.0.1:5080", false)]
    [InlineData("ftp://127.0.0.1", false)]
    [InlineData("", false)]
    public void Only_loopback_addresses_unless_allowed(string urls, bool ok)
    {
        if (ok) Assert.Equal(urls, MarsadServer.CheckUrls(urls, allowRemote: false));
        else Assert.Throws<ArgumentException>(() => MarsadServer.CheckUrls(urls, allowRemote: false));
    }

    [Fact]
    public void Remote_address_is_accepted_when_asked_for() =>
        Assert.Equal("http://0.0.0.0:5080", MarsadServer.CheckUrls("http://0.0.0.0:5080", allowRemote: true));

    [Theory]
    [InlineData("2024-03-05", false, "2024-03-05")]
    [InlineData("2024-03", false, "2024-03-01")]
    [InlineData("2024-02", true, "2024-02-29")]
    [InlineData("2023", true, "2023-12-31")]
    [InlineData("2023", false, "2023-01-01")]
    public void Partial_dates_cover_their_period(string value, bool end, string expected)
    {
        Assert.Null(Validate.Date(value, "d", end, out var d));
        Assert.Equal(expected, d!.Value.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData("a b c", new[] { 2, 1 }, "a |[b]| c")]
    [InlineData("xy", new[] { 0, 1, 1, 1 }, "[x]|[y]")]
    [InlineData("no marks", new int[0], "no marks")]
    [InlineData("open end", new[] { 5, 3 }, "open |[end]")]
    [InlineData("", new int[0], "")]
    public void Snippet_offsets_become_segments(string text, int[] marks, string expected)
    {
        var highlights = marks.Chunk(2).Select(m => new Store.Highlight(m[0], m[1])).ToList();
        var parts = Features.StoreArchive.Segments(new Store.Snippet(text, highlights)).Select(s => s.Match ? $"[{s.Text}]" : s.Text);
        Assert.Equal(expected, string.Join("|", parts));
    }
}
