using System.Text.Json;
using Microsoft.Playwright;

namespace Marsad.E2E.Tests;

/// <summary>
/// The page in headless Chromium against a real server: ingest articles, search in Arabic, open an
/// article, click an entity, check hostile text stays text, switch to English, draw the map.
/// Screenshots go to TestResults/screenshots at the repository root.
/// </summary>
public sealed class WebPageTests
{
    private static readonly string Screenshots = FindScreenshotFolder();

    [ChromiumFact]
    public async Task Search_read_click_entity_and_hostile_text_in_Chromium()
    {
        Assert.True(Browser.ExecutablePath is not null,
            $"CI is set but there is no Chromium at {Browser.DefaultPath}: .ci/run must `apt-get install -y chromium` (or set MARSAD_CHROMIUM).");

        await using var server = await ServerHarness.StartAsync();
        var articles = Path.Combine(AppContext.BaseDirectory, "articles");
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "politics/04-egypt-sudan-water-agreement", "politics/01-morocco-mauritania-visit", "security/10-mali-convoy-ambush", "economy/11-qatar-oman-trade" })
            ids[name] = await server.IngestTextAsync(await File.ReadAllTextAsync(Path.Combine(articles, name + ".txt")), name + ".txt", category: name.Split('/')[0]);
        var hostileId = await server.IngestJsonAsync(new
        {
            title = "عنوان فيه <script>window.__pwned = 1</script> وسم",
            subtitle = "\"><img src=x onerror=\"window.__pwned = 2\">",
            body = "نشرت الصحيفة نصا يحتوي على <script>window.__pwned = 3</script> وعلى \"><img src=x onerror=window.__pwned=4> داخل الخبر، وقال المتحدث في الرباط إن ذلك مجرد نص.",
            published = "2024-06-01",
            source = "hostile.test",
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ExecutablePath,
            Headless = true,
            Args = Browser.Args,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "ar" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);

        // 1. The search page, Arabic and right-to-left.
        var response = await page.GotoAsync(server.BaseAddress.ToString());
        Assert.NotNull(response);
        Assert.Contains("default-src 'self'", response!.Headers["content-security-policy"]);
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Equal("ar", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await page.Locator("main[data-view=search]").WaitForAsync();

        // 2. Search in Arabic: the agreement article comes back with the match highlighted.
        await page.Locator("input[name=q]").FillAsync("اتفاقية المياه");
        await page.Locator("input[name=q]").PressAsync("Enter");
        var hit = page.Locator(".hit").Filter(new() { HasText = "مصر والسودان" });
        await hit.First.WaitForAsync();
        Assert.True(await page.Locator(".hit mark").CountAsync() > 0, "no highlighted term in the results");
        Assert.True(await page.Locator(".facets .facet").CountAsync() > 0, "no facets shown");
        await Shot(page, "1-search");

        // 2b. Entities of the hits are facets; clicking one filters the results by it.
        var entityFacet = page.Locator(".facet[data-facet=entity] a");
        Assert.True(await entityFacet.CountAsync() > 0, "no entity facet (expected مصر, السودان…)");
        var facetName = (await entityFacet.First.Locator("bdi").InnerTextAsync()).Trim();
        await entityFacet.First.ClickAsync();
        await page.Locator(".chips .chip").Filter(new() { HasText = facetName }).First.WaitForAsync();
        Assert.True(await page.Locator(".hit").CountAsync() > 0, $"filtering by the entity facet «{facetName}» left no result");
        Assert.Contains("entity=", page.Url);
        await Shot(page, "1b-entity-facet");

        // 3. Open the article: title, text and analysis marks.
        await hit.First.Locator("h3 a").ClickAsync();
        await page.Locator("main[data-view=doc] .article-text h1").WaitForAsync();
        Assert.Contains("مصر والسودان توقعان اتفاقية", await page.Locator(".article-text h1").InnerTextAsync());
        Assert.Contains("تبادل البيانات الهيدرولوجية", await page.Locator(".article-text").InnerTextAsync());
        await Shot(page, "2-article");

        // 4. Click an entity in the text and land on its page.
        var analysis = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/documents/{ids["politics/04-egypt-sudan-water-agreement"]}/analysis")).RootElement;
        var entityCount = analysis.GetProperty("entities").GetArrayLength();
        Assert.True(entityCount > 0, "the pipeline found no entity in the agreement article (expected مصر, السودان, القاهرة…)");
        var mark = page.Locator(".article-text a.m-entity").First;
        var markText = (await mark.InnerTextAsync()).Trim();
        await mark.ClickAsync();
        await page.Locator("main[data-view=entity] .entity-head h1").WaitForAsync();
        var entityName = await page.Locator(".entity-head h1").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(entityName));
        Assert.True(await page.Locator(".entity-docs a").Filter(new() { HasText = "مصر والسودان" }).CountAsync() > 0,
            $"the page of «{entityName}» (clicked «{markText}») does not list the article it was clicked from");
        await Shot(page, "3-entity");

        // 5. Hostile text is shown as text: no script ran, no element was created from it.
        await page.GotoAsync(server.BaseAddress + $"#/doc/{hostileId}");
        await page.Locator("main[data-view=doc] .article-text h1").WaitForAsync();
        Assert.Contains("<script>window.__pwned = 1</script>", await page.Locator(".article-text h1").InnerTextAsync());
        Assert.Contains("onerror=", await page.Locator(".article-text").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".article-text img, .article-text script, main img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        await Shot(page, "4-hostile-text");

        // 6. The English interface.
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.Locator("main[data-view=search]").WaitForAsync();
        await page.Locator("#lang").ClickAsync();
        await page.Locator("main[data-view=search]").WaitForAsync();
        Assert.Equal("ltr", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Equal("Search", await page.Locator("#nav a[data-route=search]").InnerTextAsync());
        await Shot(page, "5-english");
        await page.Locator("#lang").ClickAsync();

        // 7. Timeline and map: drawn SVG, with the world outlines and the article months.
        await page.GotoAsync(server.BaseAddress + "#/map");
        await page.Locator("main[data-view=map] svg.map").WaitForAsync();
        Assert.True(await page.Locator("svg.map .land path").CountAsync() > 100, "the map has no country outlines");
        Assert.True(await page.Locator("svg.timeline rect.bar").CountAsync() > 0, "the timeline has no bars");
        await Shot(page, "6-map-timeline");

        // 8. Events table: merged events, each with its source articles linked.
        await page.GotoAsync(server.BaseAddress + "#/events");
        await page.Locator("main[data-view=events] table.events").WaitForAsync();
        var rows = page.Locator("table.events tbody tr");
        Assert.True(await rows.CountAsync() > 0, "the sample articles gave no event");
        Assert.True(await rows.First.Locator("ul.sources li a").CountAsync() > 0, "an event row lists no source article");
        Assert.Equal(await rows.CountAsync(), await page.Locator("table.events tbody tr[data-event]").CountAsync());
        await Shot(page, "7-events");
        await rows.First.Locator("ul.sources li a").First.ClickAsync();
        await page.Locator("main[data-view=doc] .article-text h1").WaitForAsync();

        Assert.True(problems.Count == 0, "browser reported: " + string.Join("\n", problems));
    }

    [ChromiumFact]
    public async Task Page_shell_is_Arabic_rtl_with_a_strict_policy_and_no_inline_script()
    {
        await using var server = await ServerHarness.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Browser.ExecutablePath, Headless = true, Args = Browser.Args });
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(server.BaseAddress.ToString());
        Assert.Equal(200, response!.Status);
        var csp = response.Headers["content-security-policy"];
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Equal("البحث", (await page.Locator("#nav a[data-route=search]").InnerTextAsync()).Trim());
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static string FindScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marsad.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? Path.GetTempPath();
        var path = Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
