using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp.Html.Parser;
using Marsad.Analysis;

namespace Marsad.Ingest;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 feeds (System.ServiceModel.Syndication over a hardened XmlReader:
/// no DTDs, no external entities, a size cap). Each item becomes an article: title, the content or
/// summary as body (HTML reduced to its text), publication date, link and first category.
/// </summary>
public static class FeedReader
{
    public static IEnumerable<IngestItem> ReadFile(string path, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists) return [IngestItem.Failed(new InputException(path, "no such file"))];
        if (info.Length == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
        if (info.Length > options.MaxFeedBytes)
            return [IngestItem.Failed(new InputException(path, $"feed too large ({info.Length / (1024 * 1024)} MiB; the limit is {options.MaxFeedBytes / (1024 * 1024)} MiB)"))];
        using var fs = File.OpenRead(path);
        return Read(fs, path, options).ToList();
    }

    /// <summary>Reads a whole feed; a feed that is not XML gives one error item naming the position.</summary>
    public static IEnumerable<IngestItem> Read(Stream stream, string source, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        SyndicationFeed feed;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = options.MaxFeedBytes,
                IgnoreComments = true,
            };
            using var xr = XmlReader.Create(stream, settings);
            feed = SyndicationFeed.Load(xr);
        }
        catch (XmlException e)
        {
            // SyndicationFeed reports well-formed XML with another root element as an XmlException too.
            bool wellFormedOtherRoot = e.Message.StartsWith("The element with name", StringComparison.Ordinal) || e.Message.Contains("not recognized", StringComparison.OrdinalIgnoreCase);
            return [IngestItem.Failed(new InputException(source, wellFormedOtherRoot ? $"not an RSS or Atom feed: {e.Message}" : $"not a valid XML feed: {e.Message}", e.LineNumber > 0 ? e.LineNumber : null, e))];
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return [IngestItem.Failed(new InputException(source, $"not an RSS or Atom feed: {e.Message}", inner: e))];
        }
        var items = new List<IngestItem>();
        var parser = new HtmlParser();
        int n = 0;
        foreach (var item in feed.Items)
        {
            n++;
            string origin = $"{source}#{n}";
            string? link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString() ?? item.Id;
            string title = HtmlText(parser, item.Title?.Text) ?? "";
            string? html = (item.Content as TextSyndicationContent)?.Text ?? item.Summary?.Text;
            string body = HtmlText(parser, html) ?? "";
            if (title.Length == 0 && body.Length == 0)
            {
                items.Add(IngestItem.Failed(new InputException(source, $"item {n} has neither a title nor text")));
                continue;
            }
            var date = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime;
            items.Add(IngestItem.Ok(new ArticleInput
            {
                Title = title,
                Body = body,
                Published = date != default ? DateOnly.FromDateTime(date.DateTime) : null,
                Source = link ?? origin,
                Url = link,
                Outlet = feed.Title?.Text,
                Category = item.Categories.FirstOrDefault()?.Name,
                Author = item.Authors.FirstOrDefault()?.Name,
                ExternalId = item.Id,
            }, origin));
        }
        if (n == 0) items.Add(IngestItem.Failed(new InputException(source, "the feed has no items")));
        return items;
    }

    private static string? HtmlText(HtmlParser parser, string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        if (html.IndexOf('<') < 0 && html.IndexOf('&') < 0) return html.Trim();
        using var doc = parser.ParseDocument("<html><body>" + html + "</body></html>");
        var text = HtmlArticleReader.ExtractBody(doc);
        return text.Length == 0 ? null : text;
    }
}
