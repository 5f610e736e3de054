using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Marsad.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Marsad.Server.Tests;

/// <summary>
/// An archive whose merged events are not current (made by an older version) is merged once in the background:
/// meanwhile the event endpoints answer 503 with Retry-After, then the stored merge.
/// </summary>
public sealed class EventsPendingTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "marsad-pending-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        _app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = _data }, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
    }

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

    private async Task<HttpClient> PostOneArticleAsync()
    {
        var client = _app!.GetTestClient();
        var content = new StringContent(ServerFixture.Articles.Single(a => a.Name == "mosul1").Text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using (var posted = await client.PostAsync("/api/documents?source=mosul1.txt", content))
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>What an archive of an older version looks like: events stored, no current merge stamp.</summary>
    private void ForgetMergeStamp()
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_data, "marsad.db")}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM meta WHERE key = 'merged_events'";
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    [Fact]
    public async Task Events_answer_503_with_retry_after_while_an_old_archive_is_merged_then_the_events()
    {
        var client = await PostOneArticleAsync();

        ForgetMergeStamp();
        var archive = ((Store.EmbeddedStore)((StoreArchive)_app!.Services.GetRequiredService<IArchive>()).Store).Merge;
        using var gate = new ManualResetEventSlim(false);
        archive.Hold = gate;
        archive.MergeWait = TimeSpan.Zero;

        using (var pending = await client.GetAsync("/api/events"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
            Assert.True(pending.Headers.RetryAfter is not null, "Retry-After is missing");
            Assert.Contains("merged", await pending.Content.ReadAsStringAsync());
        }
        using (var indicators = await client.GetAsync("/api/indicators?by=type"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, indicators.StatusCode);

        gate.Set();
        archive.MergeWait = TimeSpan.FromSeconds(30);
        using var done = await client.GetAsync("/api/events?type=ASSAULT");
        var body = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("\"total\":1", body);
    }

    [Fact]
    public async Task The_background_merge_waits_for_the_archive_write_lock()
    {
        var client = await PostOneArticleAsync();
        ForgetMergeStamp();
        var archive = ((Store.EmbeddedStore)((StoreArchive)_app!.Services.GetRequiredService<IArchive>()).Store).Merge;
        archive.MergeLockWait = TimeSpan.FromMilliseconds(300);
        archive.MergeWait = TimeSpan.FromSeconds(30);

        // Another writer holds the folder: the merge must not write beside it.
        using (var other = Store.ArchiveLock.TryAcquire(_data, out _))
        {
            Assert.NotNull(other);
            using var pending = await client.GetAsync("/api/events");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
            using var meta = new SqliteConnection($"Data Source={Path.Combine(_data, "marsad.db")}");
            meta.Open();
            using var cmd = meta.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM meta WHERE key = 'merged_events'";
            Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
        }
        using var done = await client.GetAsync("/api/events?type=ASSAULT");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("\"total\":1", await done.Content.ReadAsStringAsync());
    }
}
