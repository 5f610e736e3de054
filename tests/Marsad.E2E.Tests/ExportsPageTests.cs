using System.Text.Json;
using Microsoft.Playwright;

namespace Marsad.E2E.Tests;

/// <summary>
/// Downloads of the current search results and events table (CSV and JSON, filters applied) and the
/// timeline with an outlier date, in headless Chromium against a real server.
/// </summary>
public sealed class ExportsPageTests
{
    [ChromiumFact]
    public async Task Downloads_and_a_timeline_with_an_outlier_date()
    {
        Assert.True(Browser.ExecutablePath is not null, $"CI is set but there is no Chromium at {Browser.DefaultPath}.");
        await using var server = await ServerHarness.StartAsync();
        await server.IngestJsonAsync(new { title = "احتجاج في الدار البيضاء", body = "تظاهر آلاف العمال في الدار البيضاء يوم الجمعة للمطالبة برفع الأجور وتحسين ظروف العمل.", published = "2024-04-12", source = "a.test" });
        await server.IngestJsonAsync(new { title = "هجوم في مقديشو", body = "قتل 12 شخصا في هجوم انتحاري شنته حركة الشباب على فندق في مقديشو يوم الجمعة.", published = "2024-03-08", source = "b.test" });
        await server.IngestJsonAsync(new { title = "مظاهرة في تونس", body = "تظاهر مئات الطلاب في تونس العاصمة يوم الثلاثاء احتجاجا على ارتفاع الأسعار.", published = "2024-06-04", source = "c.test" });
        // A dateline far in the future (a typo in the feed): listed, never stretching the axis.
        await server.IngestJsonAsync(new { title = "احتجاج في الرباط", body = "تظاهر المئات أمام البرلمان في الرباط يوم الأحد للمطالبة بخفض الأسعار.", published = "2099-05-03", source = "d.test" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Browser.ExecutablePath, Headless = true, Args = Browser.Args });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "ar", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add("page error: " + e);
        string dir = Directory.CreateTempSubdirectory("marsad-e2e-dl-").FullName;

        // 1. The events table filtered to protests: CSV (ACLED columns) and JSON with the filter applied.
        await page.GotoAsync(server.BaseAddress + "#/events?type=PROTEST");
        await page.Locator("table.events tbody tr").First.WaitForAsync();
        int rows = await page.Locator("table.events tbody tr").CountAsync();
        var csv = await Download(page, page.Locator(".events-summary a.download-csv"), dir);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,", lines[0], StringComparison.Ordinal);
        Assert.Equal(31, lines[0].Split(',').Length);
        Assert.Equal(rows, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",Protests,", l));
        Assert.Contains(lines, l => l.Contains(",-7.5833,", StringComparison.Ordinal)); // Casablanca, a number west of Greenwich
        var json = JsonDocument.Parse(await Download(page, page.Locator(".events-summary a.download-json"), dir)).RootElement;
        Assert.Equal(rows, json.GetProperty("events").GetArrayLength());
        Assert.All(json.GetProperty("events").EnumerateArray(), e => Assert.Equal("PROTEST", e.GetProperty("type").GetString()));

        // 2. Search results sorted by date, downloaded as CSV and JSON with the query applied.
        await page.GotoAsync(server.BaseAddress + "#/search?q=" + Uri.EscapeDataString("تظاهر") + "&sort=date");
        await page.Locator(".hit").First.WaitForAsync();
        var dates = await page.Locator(".hit .meta").AllInnerTextsAsync();
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
        var searchCsv = (await Download(page, page.Locator(".summary a.download-csv"), dir)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,title,published,source,category,score,snippet", searchCsv[0]);
        Assert.Equal(await page.Locator(".hit").CountAsync(), searchCsv.Length - 1);
        var searchJson = JsonDocument.Parse(await Download(page, page.Locator(".summary a.download-json"), dir)).RootElement;
        Assert.Equal("تظاهر", searchJson.GetProperty("query").GetString());
        Assert.Equal(searchCsv.Length - 1, searchJson.GetProperty("hits").GetArrayLength());

        // 3. The timeline spans the dense part (2024); 2099 is listed under it, not drawn.
        await page.GotoAsync(server.BaseAddress + "#/map");
        await page.Locator("svg.timeline").WaitForAsync();
        var months = await page.Locator("svg.timeline rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.month)");
        Assert.NotEmpty(months);
        Assert.True(months.All(m => m.StartsWith("2024-", StringComparison.Ordinal)), string.Join(" ", months));
        var labels = await page.Locator("svg.timeline text.axis").AllTextContentsAsync();
        Assert.DoesNotContain(labels, l => l.StartsWith("2099", StringComparison.Ordinal) || l.StartsWith("2030", StringComparison.Ordinal));
        Assert.Contains("2099-05", await page.Locator(".timeline-outside").InnerTextAsync());
        Assert.Empty(problems);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private static async Task<string> Download(IPage page, ILocator link, string dir)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(dir, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF');
    }
}
