using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;

namespace Marsad.Server.Tests;

/// <summary>
/// The entity page reaches every document and every event of an entity: <c>documents_page</c> and
/// <c>events_page</c> walk them 50 at a time, newest first, each exactly once.
/// </summary>
public sealed class EntityPagingTests : IAsyncLifetime
{
    private const int Articles = 57, PageSize = 50;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "marsad-entitypages-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;
    private HttpClient Client => _app!.GetTestClient();

    // Words to make each article's text its own (so that no two are near-duplicates of one story).
    private static readonly string[] Filler =
    [
        "الاقتصاد", "المزارعون", "الأسواق", "المدارس", "الطلاب", "الطرق", "الجسور", "المستشفيات", "الأطباء",
        "الكهرباء", "المياه", "الشتاء", "الصيف", "الأمطار", "المحاصيل", "الأسعار", "الرواتب", "الموظفين",
        "التجار", "المصانع", "الشباب", "الأطفال", "العائلات", "الأحياء", "القرى", "الملاعب", "المكتبات",
        "الحدائق", "المساجد", "الأسواق الشعبية", "النقل", "الحافلات", "الوقود", "الخبز", "الدواء", "اللاجئين",
    ];

    private static string Article(int i)
    {
        var rng = new Random(1000 + i);
        var words = string.Join(" و", Enumerable.Range(0, 24).Select(_ => Filler[rng.Next(Filler.Length)]));
        // One month apart, so that no two attacks are merged into one event.
        var date = new DateOnly(2015, 1, 10).AddMonths(i);
        return $"""
            تقرير رقم {i + 1} عن الموصل

            بتاريخ : {date:dd/MM/yyyy}

            قتل {i % 5 + 2} مدنيين في قصف جوي على مدينة الموصل اليوم.

            وتحدث التقرير عن {words}.
            """;
    }

    public async Task InitializeAsync()
    {
        _app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = _data }, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        for (int i = 0; i < Articles; i++)
        {
            var content = new StringContent(Article(i), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var res = await Client.PostAsync($"/api/documents?source=mosul-{i}.txt", content);
            if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"setup ingest {i}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        }
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

    private async Task<JsonElement> Json(string url)
    {
        using var res = await Client.GetAsync(url);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> MosulId()
    {
        var list = await Json("/api/entities?q=" + Uri.EscapeDataString("الموصل") + "&type=LOC");
        return list.GetProperty("entities").EnumerateArray().First().GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Documents_and_events_pages_cover_each_one_once_newest_first()
    {
        var id = Uri.EscapeDataString(await MosulId());
        var first = await Json($"/api/entities/{id}");
        Assert.Equal(PageSize, first.GetProperty("page_size").GetInt32());
        Assert.Equal(Articles, first.GetProperty("entity").GetProperty("documents").GetInt64());
        Assert.Equal(Articles, first.GetProperty("events_total").GetInt64());

        var second = await Json($"/api/entities/{id}?documents_page=2&events_page=2");
        Assert.Equal(2, second.GetProperty("documents_page").GetInt32());
        Assert.Equal(2, second.GetProperty("events_page").GetInt32());

        var docs = Ids(first, "documents").Concat(Ids(second, "documents")).ToList();
        Assert.Equal(Articles, docs.Count);
        Assert.Equal(Articles, docs.Distinct().Count());
        var published = first.GetProperty("documents").EnumerateArray().Concat(second.GetProperty("documents").EnumerateArray())
            .Select(d => d.GetProperty("published").GetString()).ToList();
        Assert.Equal(published.OrderDescending(StringComparer.Ordinal), published);

        var events = Ids(first, "events").Concat(Ids(second, "events")).ToList();
        Assert.Equal(Articles, events.Count);
        Assert.Equal(Articles, events.Distinct().Count());
        var dates = first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray())
            .Select(e => e.GetProperty("date").GetString()).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);

        // Past the end: an empty page, not an error.
        var third = await Json($"/api/entities/{id}?documents_page=3&events_page=3");
        Assert.Empty(third.GetProperty("documents").EnumerateArray());
        Assert.Empty(third.GetProperty("events").EnumerateArray());
    }

    [Theory]
    [InlineData("documents_page=0")]
    [InlineData("events_page=-1")]
    [InlineData("documents_page=abc")]
    [InlineData("events_page=1001")]
    [InlineData("page=2")]
    public async Task Bad_page_numbers_are_400(string query)
    {
        var id = Uri.EscapeDataString(await MosulId());
        using var res = await Client.GetAsync($"/api/entities/{id}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    private static IEnumerable<string> Ids(JsonElement page, string list) =>
        page.GetProperty(list).EnumerateArray().Select(x => x.GetProperty("id").GetString()!);
}
