using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marsad.Server.Features;
using Marsad.Store;
using Marsad.Store.Index;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Marsad.Server.Tests;

/// <summary>
/// The answer cache (Hosting/StoreResponseCache.cs): a repeated read is answered without the store, any
/// ingest (through the API or by another writer) changes the answer, and answers of other query strings,
/// encodings or statuses are never mixed in.
/// </summary>
public sealed class ResponseCacheTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "marsad-cache-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;
    private CountingArchive _archive = null!;
    private HttpClient _client = null!;

    private async Task StartAsync(bool cacheResponses = true, params string[] articles)
    {
        _app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = _data, CacheResponses = cacheResponses }, b =>
        {
            b.WebHost.UseTestServer();
            b.Services.AddSingleton<IArchive>(_ => _archive = new CountingArchive(StoreArchive.Open(_data)));
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
        foreach (var name in articles) await PostAsync(name);
    }

    private async Task PostAsync(string name)
    {
        var content = new StringContent(ServerFixture.Articles.Single(a => a.Name == name).Text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var res = await _client.PostAsync($"/api/documents?source={name}.txt&outlet=tests", content);
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        using var res = await _client.SendAsync(request);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        var used = res.Content.Headers.ContentEncoding.SingleOrDefault();
        Assert.Equal(encoding is null or "identity" ? null : encoding, used);
        Stream body = new MemoryStream(bytes);
        if (used == "br") body = new BrotliStream(body, CompressionMode.Decompress);
        else if (used == "gzip") body = new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(body, Encoding.UTF8);
        return (res.StatusCode, await reader.ReadToEndAsync());
    }

    private static long Total(string json) => JsonDocument.Parse(json).RootElement.GetProperty("total").GetInt64();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_repeated_read_is_answered_from_the_cache_without_the_store()
    {
        await StartAsync(true, "mosul1", "strike");
        string[] urls = ["/api/search?q=%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84", "/api/entities?q=", "/api/events", "/api/indicators?by=type"];
        foreach (var url in urls)
        {
            var first = await GetAsync(url, "br");
            var second = await GetAsync(url, "br");
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(first, second);
        }
        var entity = JsonDocument.Parse((await GetAsync("/api/entities?q=")).Body).RootElement.GetProperty("entities")[0].GetProperty("id").GetString()!;
        var one = await GetAsync("/api/entities/" + Uri.EscapeDataString(entity));
        Assert.Equal(one, await GetAsync("/api/entities/" + Uri.EscapeDataString(entity)));
        Assert.Equal(HttpStatusCode.OK, one.Status);
        // One store call per distinct answer (the identity /api/entities?q= above is its own answer).
        Assert.Equal(1, _archive.Searches);
        Assert.Equal(2, _archive.EntityLists);
        Assert.Equal(1, _archive.EntityGets);
        Assert.Equal(1, _archive.EventLists);
        Assert.Equal(1, _archive.IndicatorCalls);
    }

    [Fact]
    public async Task An_ingest_between_two_reads_changes_the_answer()
    {
        await StartAsync(true, "water");
        const string url = "/api/search?q=%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84"; // الموصل
        Assert.Equal(0, Total((await GetAsync(url, "gzip")).Body));
        Assert.Equal(0, Total((await GetAsync(url, "gzip")).Body));
        Assert.Equal(1, _archive.Searches);
        var events = await GetAsync("/api/events?type=ASSAULT");
        Assert.Equal(0, Total(events.Body));

        await PostAsync("mosul1");
        Assert.Equal(1, Total((await GetAsync(url, "gzip")).Body));
        Assert.Equal(2, _archive.Searches);
        Assert.Equal(1, Total((await GetAsync("/api/events?type=ASSAULT")).Body));
    }

    [Fact]
    public async Task An_ingest_by_another_writer_of_the_folder_changes_the_answer()
    {
        await StartAsync(true, "water");
        const string url = "/api/search?q=%D8%A7%D9%84%D8%A5%D8%B6%D8%B1%D8%A7%D8%A8"; // الإضراب
        Assert.Equal(0, Total((await GetAsync(url, "br")).Body));
        Assert.Equal(0, Total((await GetAsync(url, "br")).Body));
        // Another store object over the same folder, as a CLI ingest beside the server would be.
        using (var other = EmbeddedStore.Open(_data))
        {
            var strike = ServerFixture.Articles.Single(a => a.Name == "strike").Text.Split("\n\n", 2);
            other.IngestArticle(new Analysis.ArticleInput { Title = strike[0].Trim(), Body = strike[1], Source = "strike.txt" });
        }
        Assert.Equal(1, Total((await GetAsync(url, "br")).Body));
        Assert.Equal(2, _archive.Searches);
    }

    [Fact]
    public async Task Other_query_strings_and_encodings_get_their_own_answers()
    {
        await StartAsync(true, "water", "strike");
        var nile = await GetAsync("/api/search?q=%D8%A7%D9%84%D9%86%D9%8A%D9%84");     // النيل
        var port = await GetAsync("/api/search?q=%D8%A7%D9%84%D9%85%D9%8A%D9%86%D8%A7%D8%A1"); // الميناء
        Assert.NotEqual(nile.Body, port.Body);
        Assert.Contains("النيل", nile.Body);
        Assert.Contains("الميناء", port.Body);
        var upper = await GetAsync("/api/search?q=%D8%A7%D9%84%D9%86%D9%8A%D9%84&size=1");
        Assert.Equal(1, JsonDocument.Parse(upper.Body).RootElement.GetProperty("page_size").GetInt32());
        Assert.Equal(3, _archive.Searches);

        // Each encoding is stored as it was sent: every answer, first or cached, decodes to the same JSON.
        foreach (var round in new[] { 1, 2 })
            foreach (var encoding in new[] { "br", "gzip", "identity" })
                Assert.Equal(nile.Body, (await GetAsync("/api/search?q=%D8%A7%D9%84%D9%86%D9%8A%D9%84", encoding)).Body);
        // One more answer per Accept-Encoding value (the first nile request sent none, "identity" is another value).
        Assert.Equal(6, _archive.Searches);
    }

    [Fact]
    public async Task Read_answers_carry_an_etag_of_the_archive_stamp_that_answers_304_until_an_ingest()
    {
        await StartAsync(true, "water");
        const string url = "/api/search?q=%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84"; // الموصل
        async Task<HttpResponseMessage> Send(string? tag)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (tag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", tag);
            return await _client.SendAsync(request);
        }
        using var first = await Send(null);
        var tag = first.Headers.ETag?.ToString();
        Assert.NotNull(tag);
        Assert.StartsWith("W/", tag);
        using (var again = await Send(null)) Assert.Equal(tag, again.Headers.ETag?.ToString()); // from the cache, same tag
        using (var notModified = await Send(tag))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        using (var other = await _client.GetAsync("/api/search?q=%D8%A7%D9%84%D9%86%D9%8A%D9%84"))
            Assert.NotEqual(tag, other.Headers.ETag?.ToString()); // another query, another tag
        Assert.Equal(2, _archive.Searches);

        await PostAsync("mosul1");
        using var changed = await Send(tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag?.ToString());
        Assert.Equal(1, Total(await changed.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Answers_other_than_200_are_not_kept()
    {
        await StartAsync(true, "water");
        for (int i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/entities/marsad:PER:nobody")).Status);
        Assert.Equal(2, _archive.EntityGets);
    }

    [Fact]
    public async Task The_option_off_answers_every_read_from_the_store()
    {
        await StartAsync(false, "water");
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/search?q=%D8%A7%D9%84%D9%86%D9%8A%D9%84", "br")).Status);
        Assert.Equal(3, _archive.Searches);
    }

    [Fact]
    public void MARSAD_SEARCH_CACHE_off_turns_the_answer_cache_off_by_default()
    {
        Assert.False(SearchCaches.OnFor("off"));
        Assert.False(SearchCaches.OnFor("0"));
        Assert.True(SearchCaches.OnFor(null));
        Assert.True(SearchCaches.OnFor("on"));
        Assert.Equal(SearchCaches.On, new ServerOptions { DataDirectory = _data }.CacheResponses);
    }

    /// <summary>The real archive, counting the calls that reach it.</summary>
    private sealed class CountingArchive(StoreArchive inner) : IArchive, IDisposable
    {
        public int Searches, EntityLists, EntityGets, EventLists, IndicatorCalls;

        public StoreStamp Stamp() => inner.Stamp();
        public SearchResponse Search(SearchQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Searches);
            return inner.Search(query, cancellationToken);
        }
        public DocumentResponse? GetDocument(string id) => inner.GetDocument(id);
        public string? GetAnalysisJson(string id) => inner.GetAnalysisJson(id);
        public IngestResponse Ingest(Analysis.ArticleInput article, CancellationToken cancellationToken = default) => inner.Ingest(article, cancellationToken);
        public EntitiesResponse Entities(string query, string? type, int limit)
        {
            Interlocked.Increment(ref EntityLists);
            return inner.Entities(query, type, limit);
        }
        public EntityDetail? GetEntity(string id, int documentsPage = 1, int eventsPage = 1)
        {
            Interlocked.Increment(ref EntityGets);
            return inner.GetEntity(id, documentsPage, eventsPage);
        }
        public EventsResponse Events(EventQuery query)
        {
            Interlocked.Increment(ref EventLists);
            return inner.Events(query);
        }
        public void ExportEvents(EventQuery query, string format, TextWriter writer) => inner.ExportEvents(query, format, writer);
        public IndicatorsResponse Indicators(string by, EventQuery filter)
        {
            Interlocked.Increment(ref IndicatorCalls);
            return inner.Indicators(by, filter);
        }
        public void Dispose() => inner.Dispose();
    }
}
