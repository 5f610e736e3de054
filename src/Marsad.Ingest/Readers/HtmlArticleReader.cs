using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Marsad.Analysis;

namespace Marsad.Ingest;

/// <summary>
/// Reads a saved news page: the article text without navigation, scripts, styles and boilerplate,
/// the title and the publication date from the page's metadata.
/// <list type="bullet">
/// <item>Title: <c>og:title</c>, JSON-LD <c>headline</c>, the first <c>h1</c>, then <c>&lt;title&gt;</c>.</item>
/// <item>Date: <c>article:published_time</c>, JSON-LD <c>datePublished</c>, <c>itemprop=datePublished</c>,
/// the first <c>&lt;time datetime&gt;</c>, then <c>meta name=date|pubdate</c>.</item>
/// <item>Body: inside <c>itemprop=articleBody</c>, else the <c>&lt;article&gt;</c> with most paragraph
/// text, else the element whose direct paragraphs hold the most text (a small Readability-style
/// score); <c>script, style, nav, header, footer, aside, form</c> and elements whose class or id
/// names menus, sharing, comments, related links or ads are removed first.</item>
/// </list>
/// Our own extraction over AngleSharp rather than SmartReader: it is ~200 lines we control, keeps
/// paragraph breaks, reads metadata in the order above, never fetches anything, and costs no
/// second HTML parse.
/// </summary>
public static class HtmlArticleReader
{
    private static readonly string[] DroppedTags =
        ["script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "nav", "header", "footer", "aside", "button", "select", "object", "embed"];

    private static readonly string[] BoilerplateWords =
        ["menu", "nav", "footer", "header", "sidebar", "share", "social", "comment", "related", "breadcrumb", "advert", "banner", "cookie", "newsletter", "promo", "widget", "tags", "subscribe", "popup", "most-read", "trending"];

    private const int MaxElements = 200_000;

    public static ArticleInput ReadFile(string path, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException(path, Directory.Exists(path) ? "is a folder, not a file" : "no such file");
        if (info.Length == 0) throw new InputException(path, "empty file");
        if (info.Length > options.MaxFileBytes)
            throw new InputException(path, $"too large for one page ({info.Length / (1024 * 1024)} MiB; the limit is {options.MaxFileBytes / (1024 * 1024)} MiB)");
        var bytes = File.ReadAllBytes(path);
        return Parse(DecodeHtml(bytes, path), path, null, options.HtmlParseBudget, CancellationToken.None);
    }

    /// <summary>UTF-8 unless a meta charset says windows-1256 (or the bytes are not UTF-8).</summary>
    public static string DecodeHtml(byte[] bytes, string source)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048)).ToLowerInvariant();
        if (head.Contains("charset=windows-1256") || head.Contains("charset=\"windows-1256") || head.Contains("charset=cp1256"))
            return TextDecoder.Windows1256.GetString(bytes);
        return TextDecoder.Decode(bytes, source, out _);
    }

    /// <summary>Deepest element nesting read. 64k nested &lt;div&gt;s took AngleSharp 190 s and the text walk recurses per level.</summary>
    public const int MaxDepth = 512;

    // Elements that hold no children, or that the parser closes by itself when a sibling opens:
    // they do not deepen the tree however many there are.
    private static readonly HashSet<string> FlatTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "tr", "td", "th",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Flat = FlatTags.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The deepest nesting of start tags over end tags, from one pass over the markup (no parse).</summary>
    public static int NestingDepth(ReadOnlySpan<char> html)
    {
        int depth = 0, max = 0;
        for (int i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; )
        {
            var rest = html[(i + 1)..];
            if (rest[0] == '/') depth = Math.Max(0, depth - 1);
            else if (char.IsAsciiLetter(rest[0]))
            {
                int end = rest.IndexOfAny(" \t\r\n/>");
                var name = end < 0 ? rest : rest[..end];
                int close = rest.IndexOf('>');
                bool selfClosing = close > 0 && rest[close - 1] == '/';
                if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    // Their text is not markup ("if (a<b)"): go on after the end tag.
                    int endTag = rest.IndexOf(name.Equals("script", StringComparison.OrdinalIgnoreCase) ? "</script" : "</style", StringComparison.OrdinalIgnoreCase);
                    if (endTag < 0) break;
                    int after = i + 1 + endTag + 2;
                    int following = html[after..].IndexOf('<');
                    if (following < 0) break;
                    i = after + following;
                    continue;
                }
                if (!selfClosing && !Flat.Contains(name) && ++depth > max) max = depth;
            }
            int next = rest.IndexOf('<');
            if (next < 0) break;
            i += 1 + next;
        }
        return max;
    }

    /// <summary>
    /// Parses markup under the reader's limits: nesting depth (checked before parsing), element count,
    /// and a wall-clock <paramref name="budget"/>. Over a limit is an <see cref="InputException"/> naming
    /// <paramref name="source"/>; <paramref name="cancel"/> ends the parse with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static IHtmlDocument ParseMarkup(string html, string source, TimeSpan budget, CancellationToken cancel)
    {
        if (NestingDepth(html) is > MaxDepth and var depth)
            throw new InputException(source, $"page nested too deep ({depth} levels of elements; the limit is {MaxDepth})");
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timer.CancelAfter(budget);
        IHtmlDocument doc;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        InputException OverBudget() => new(source, $"page took longer than {budget.TotalSeconds:0.###} s to parse (the limit); its markup is pathological");
        try
        {
            // The string is in memory, so the parse runs synchronously; the token is checked between tokens.
            doc = parser.ParseDocumentAsync(html, timer.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw OverBudget();
        }
        // The timer runs on the thread pool and may fire late on a busy machine: the clock decides.
        if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > budget)
        {
            doc.Dispose();
            throw OverBudget();
        }
        if (doc.All.Length > MaxElements)
        {
            int count = doc.All.Length;
            doc.Dispose();
            throw new InputException(source, $"page too complex ({count} elements; the limit is {MaxElements})");
        }
        return doc;
    }

    /// <summary>
    /// Longest time one page may take to parse. The depth check catches deep nesting before parsing;
    /// this catches the rest (misnested formatting tags make the tree builder quadratic).
    /// </summary>
    public static readonly TimeSpan DefaultParseBudget = TimeSpan.FromSeconds(10);

    public static ArticleInput Parse(string html, string source, string? url = null) =>
        Parse(html, source, url, DefaultParseBudget, CancellationToken.None);

    /// <summary>Reads a page within <paramref name="budget"/>; <paramref name="cancel"/> (a client that went away) stops it.</summary>
    public static ArticleInput Parse(string html, string source, string? url, TimeSpan budget, CancellationToken cancel)
    {
        using var doc = ParseMarkup(html, source, budget, cancel);
        var jsonLd = ReadJsonLd(doc);

        string? title = Meta(doc, "og:title") ?? jsonLd.Headline ?? Clean(doc.QuerySelector("h1")?.TextContent) ?? Clean(doc.Title);
        string? dateText = Meta(doc, "article:published_time") ?? jsonLd.DatePublished
            ?? doc.QuerySelector("[itemprop=datePublished]")?.GetAttribute("content")
            ?? doc.QuerySelector("[itemprop=datePublished]")?.GetAttribute("datetime")
            ?? doc.QuerySelector("time[datetime]")?.GetAttribute("datetime")
            ?? Meta(doc, "date") ?? Meta(doc, "pubdate") ?? Meta(doc, "publish-date") ?? Meta(doc, "dc.date");
        DateOnly? published = PublishedDate.TryParse(dateText, out var d) ? d : null;
        string? section = Meta(doc, "article:section") ?? jsonLd.Section;
        string? site = Meta(doc, "og:site_name");
        string? canonical = url ?? doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(doc, "og:url");
        string? author = Meta(doc, "author") ?? jsonLd.Author;
        string? description = Meta(doc, "og:description") ?? Meta(doc, "description");

        var body = ExtractBody(doc, title);
        if (body.Length == 0 && string.IsNullOrWhiteSpace(title))
            throw new InputException(source, "no article text found in the page");
        string? subtitle = description is not null && body.Length > 0 ? JsonLinesReader.SubtitleUnlessPrefix(description, body) : null;
        if (subtitle is not null && (subtitle.Length > 300 || body.Contains(subtitle, StringComparison.Ordinal))) subtitle = null;
        return new ArticleInput
        {
            Title = title ?? "",
            Subtitle = subtitle,
            Body = body.Length > 0 ? body : description ?? "",
            Published = published,
            Source = url ?? source,
            Url = canonical,
            Outlet = site,
            Category = section,
            Author = author,
        };
    }

    /// <summary>The article's paragraphs, one per line, with the boilerplate removed.</summary>
    public static string ExtractBody(IDocument doc, string? title = null)
    {
        foreach (var tag in DroppedTags)
            foreach (var e in doc.QuerySelectorAll(tag).ToList()) e.Remove();
        // A date shown on its own (<time> outside a paragraph) is metadata, not article text.
        foreach (var e in doc.QuerySelectorAll("time").ToList())
            if (e.ParentElement?.LocalName is not ("p" or "li" or "span" or "b" or "strong" or "em" or "i" or "a" or "blockquote" or "td")) e.Remove();
        foreach (var e in doc.QuerySelectorAll("[role=navigation],[role=banner],[role=contentinfo],[role=complementary],[aria-hidden=true],[hidden]").ToList()) e.Remove();
        foreach (var e in doc.QuerySelectorAll("[class],[id]").ToList())
        {
            if (e.LocalName is "body" or "html" or "article" or "main") continue;
            if (e.GetAttribute("itemprop") == "articleBody") continue;
            if (LooksLikeBoilerplate(e.ClassName) || LooksLikeBoilerplate(e.Id)) e.Remove();
        }
        IElement? root = doc.QuerySelector("[itemprop=articleBody]");
        root ??= doc.QuerySelectorAll("article").OrderByDescending(ParagraphText).FirstOrDefault(a => ParagraphText(a) > 0);
        root ??= BestContainer(doc);
        root ??= doc.Body;
        if (root is null) return "";
        var sb = new StringBuilder();
        AppendBlocks(root, sb, title);
        return sb.ToString().Trim();
    }

    private static bool LooksLikeBoilerplate(string? names)
    {
        if (string.IsNullOrEmpty(names)) return false;
        var lower = names.ToLowerInvariant();
        foreach (var w in BoilerplateWords)
        {
            int i = lower.IndexOf(w, StringComparison.Ordinal);
            // Whole word-ish match: "share-bar", "site_footer", not "shareholder-news".
            while (i >= 0)
            {
                bool left = i == 0 || !char.IsAsciiLetter(lower[i - 1]);
                int e = i + w.Length;
                bool right = e == lower.Length || !char.IsAsciiLetter(lower[e]) || (e < lower.Length && lower[e] == 's' && (e + 1 == lower.Length || !char.IsAsciiLetter(lower[e + 1])));
                if (left && right) return true;
                i = lower.IndexOf(w, i + 1, StringComparison.Ordinal);
            }
        }
        return false;
    }

    private static int ParagraphText(IElement e) => e.QuerySelectorAll("p").Sum(p => p.TextContent.Trim().Length);

    /// <summary>The element whose own paragraphs hold the most text (parents get half of their children's).</summary>
    private static IElement? BestContainer(IDocument doc)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var p in doc.QuerySelectorAll("p, pre, blockquote"))
        {
            int len = p.TextContent.Trim().Length;
            if (len < 25) continue;
            if (p.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + len;
                if (parent.ParentElement is { } grand) scores[grand] = scores.GetValueOrDefault(grand) + len / 2.0;
            }
        }
        return scores.Count == 0 ? null : scores.MaxBy(kv => kv.Value).Key;
    }

    private static readonly HashSet<string> BlockTags = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt", "figcaption", "div", "section", "article", "main", "br", "tr", "ul", "ol", "table"];

    /// <summary>Text of the subtree with a line break at every block boundary; white space folded.</summary>
    private static void AppendBlocks(INode node, StringBuilder sb, string? title)
    {
        var line = new StringBuilder();
        void Flush()
        {
            var t = Clean(line.ToString());
            line.Clear();
            if (t is null) return;
            if (title is not null && t == title && sb.Length == 0) return; // the page repeats its title as h1
            sb.Append(t).Append('\n');
        }
        void Walk(INode n)
        {
            foreach (var child in n.ChildNodes)
            {
                if (child is IText text) { line.Append(text.Data); continue; }
                if (child is not IElement e) continue;
                bool block = BlockTags.Contains(e.LocalName);
                if (block) Flush();
                if (e.LocalName != "br") Walk(e);
                if (block) Flush();
            }
        }
        Walk(node);
        Flush();
    }

    private static string? Meta(IDocument doc, string name)
    {
        foreach (var m in doc.QuerySelectorAll("meta"))
        {
            var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
            if (key is not null && key.Equals(name, StringComparison.OrdinalIgnoreCase))
                return Clean(m.GetAttribute("content"));
        }
        return null;
    }

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0') { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    private readonly record struct JsonLd(string? Headline, string? DatePublished, string? Section, string? Author);

    private static JsonLd ReadJsonLd(IDocument doc)
    {
        string? headline = null, date = null, section = null, author = null;
        foreach (var s in doc.QuerySelectorAll("script[type='application/ld+json']"))
        {
            if (s.TextContent.Length > 1_000_000) continue;
            try
            {
                using var json = JsonDocument.Parse(s.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
                Visit(json.RootElement, 0);
            }
            catch (JsonException) { /* broken JSON-LD is common; the other sources of metadata remain */ }
        }
        return new JsonLd(headline, date, section, author);

        void Visit(JsonElement e, int depth)
        {
            if (depth > 8) return;
            if (e.ValueKind == JsonValueKind.Array) { foreach (var x in e.EnumerateArray()) Visit(x, depth + 1); return; }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("datePublished", out var dp) && dp.ValueKind == JsonValueKind.String) date ??= dp.GetString();
            if (e.TryGetProperty("headline", out var h) && h.ValueKind == JsonValueKind.String) headline ??= Clean(h.GetString());
            if (e.TryGetProperty("articleSection", out var sec) && sec.ValueKind == JsonValueKind.String) section ??= Clean(sec.GetString());
            if (e.TryGetProperty("author", out var a))
            {
                if (a.ValueKind == JsonValueKind.String) author ??= Clean(a.GetString());
                else if (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("name", out var an) && an.ValueKind == JsonValueKind.String) author ??= Clean(an.GetString());
            }
            if (e.TryGetProperty("@graph", out var g)) Visit(g, depth + 1);
        }
    }
}
