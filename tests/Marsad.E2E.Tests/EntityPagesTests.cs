using Microsoft.Playwright;

namespace Marsad.E2E.Tests;

/// <summary>
/// The entity page of a place named in more articles than one page holds: its pagers walk the documents
/// and the events, each list on its own, in headless Chromium against a real server.
/// </summary>
public sealed class EntityPagesTests
{
    private static readonly string[] Topics = ["المدارس", "الأسواق", "المستشفيات", "الكهرباء", "المياه", "الطرق", "الخبز", "الوقود", "الرواتب"];

    [ChromiumFact]
    public async Task Entity_page_pages_through_every_document_and_event()
    {
        Assert.True(Browser.ExecutablePath is not null, $"CI is set but there is no Chromium at {Browser.DefaultPath}.");
        await using var server = await ServerHarness.StartAsync();
        const int n = 53;
        for (int i = 0; i < n; i++)
        {
            // A month apart (no two attacks merge) and each about other things (no two are near-duplicates).
            var about = string.Join("، ", Enumerable.Range(0, 12).Select(k => Topics[(i * 7 + k * k * 3 + k) % Topics.Length] + " " + (i * 13 + k)));
            await server.IngestJsonAsync(new
            {
                title = $"قصف على الموصل ({i + 1})",
                body = $"قتل {i % 4 + 2} مدنيين في قصف جوي على مدينة الموصل. وتناول التقرير أحوال {about}.",
                published = new DateOnly(2016, 1, 15).AddMonths(i).ToString("yyyy-MM-dd"),
                source = $"mosul-{i}.test",
            });
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Browser.ExecutablePath, Headless = true, Args = Browser.Args });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "ar" });
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add("page error: " + e);

        var found = System.Text.Json.JsonDocument.Parse(await server.Http.GetStringAsync("/api/entities?type=LOC&q=" + Uri.EscapeDataString("الموصل"))).RootElement;
        var id = found.GetProperty("entities")[0].GetProperty("id").GetString()!;
        var href = "#/entity/" + Uri.EscapeDataString(id);
        await page.GotoAsync(server.BaseAddress + href);

        var docs = page.Locator(".entity-docs ul.mentions > li");
        await docs.First.WaitForAsync();
        Assert.Equal(50, await docs.CountAsync());
        var firstDocs = await docs.Locator("a").First.InnerTextAsync();
        var events = page.Locator(".entity-events table.events tbody tr");
        Assert.Equal(50, await events.CountAsync());
        var firstEvent = await events.First.GetAttributeAsync("data-event");

        // Documents, page 2: the last three; the events stay on their page 1.
        await page.Locator(".entity-docs nav.pager a.next").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.entity-docs ul.mentions > li').length === 3");
        Assert.Contains("documents_page=2", page.Url);
        Assert.NotEqual(firstDocs, await docs.Locator("a").First.InnerTextAsync());
        Assert.Equal(firstEvent, await events.First.GetAttributeAsync("data-event"));

        // Events, page 2: the three oldest attacks, the documents kept on page 2.
        await page.Locator(".entity-events nav.pager a.next").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.entity-events table.events tbody tr').length === 3");
        Assert.Contains("events_page=2", page.Url);
        Assert.Contains("documents_page=2", page.Url);
        var dates = await events.Locator("td.date").AllInnerTextsAsync();
        Assert.Equal(["2016-03-15", "2016-02-15", "2016-01-15"], dates.Select(d => d.Trim()).ToArray());
        Assert.Empty(problems);
    }
}
