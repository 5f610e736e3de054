using System.ServiceModel.Syndication;
using System.Xml;
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
        // Read whole (the size is capped) so a byte-order mark and white space before "<?xml" can be
        // dropped, and so a broken feed can be read again for the items before the error.
        byte[] bytes;
        using (var ms = new MemoryStream())
        {
            var buf = new byte[81920];
            int n0;
            while ((n0 = stream.Read(buf)) > 0)
            {
                if (ms.Length + n0 > options.MaxFeedBytes)
                    return [IngestItem.Failed(new InputException(source, $"feed too large (over {options.MaxFeedBytes / (1024 * 1024)} MiB)"))];
                ms.Write(buf, 0, n0);
            }
            bytes = ms.ToArray();
        }
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
        SyndicationFeed feed;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxFeedBytes,
            IgnoreComments = true,
        };
        try
        {
            using var xr = XmlReader.Create(new MemoryStream(bytes, start, bytes.Length - start, writable: false), settings);
            feed = SyndicationFeed.Load(xr);
        }
        catch (XmlException e)
        {
            // SyndicationFeed reports well-formed XML with another root element as an XmlException too.
            bool wellFormedOtherRoot = e.Message.StartsWith("The element with name", StringComparison.Ordinal) || e.Message.Contains("not recognized", StringComparison.OrdinalIgnoreCase);
            var error = IngestItem.Failed(new InputException(source, wellFormedOtherRoot ? $"not an RSS or Atom feed: {e.Message}" : $"not a valid XML feed: {e.Message}", e.LineNumber > 0 ? e.LineNumber : null, e));
            if (wellFormedOtherRoot) return [error];
            // A feed cut or broken part way: keep the items before the error.
            var before = ItemsBeforeError(bytes, start, settings);
            return [.. Items(before.Items, before.Title, source, options, countEmpty: false), error];
        }
        catch (NotSupportedException e)
        {
            // <rss> without version="2.0" (0.91, 0.92, none): the syndication reader knows RSS 2.0 and Atom 1.0 only.
            return [IngestItem.Failed(new InputException(source, $"an RSS version this reader does not read (RSS 2.0 and Atom 1.0 are read): {e.Message}", inner: e))];
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Runtime.Serialization.SerializationException)
        {
            return [IngestItem.Failed(new InputException(source, $"not an RSS or Atom feed: {e.Message}", inner: e))];
        }
        var items = Items(feed.Items, feed.Title?.Text, source, options, countEmpty: true);
        return items;
    }

    /// <summary>The items a broken feed holds before its first XML error, read one by one.</summary>
    private static (List<SyndicationItem> Items, string? Title) ItemsBeforeError(byte[] bytes, int start, XmlReaderSettings settings)
    {
        var found = new List<SyndicationItem>();
        string? title = null;
        try
        {
            using var xr = XmlReader.Create(new MemoryStream(bytes, start, bytes.Length - start, writable: false), settings);
            var rss = new Rss20ItemFormatter();
            var atom = new Atom10ItemFormatter();
            while (!xr.EOF)
            {
                if (xr.NodeType != XmlNodeType.Element) { xr.Read(); continue; }
                if (rss.CanRead(xr)) { rss.ReadFrom(xr); found.Add(rss.Item); }
                else if (atom.CanRead(xr)) { atom.ReadFrom(xr); found.Add(atom.Item); }
                else if (title is null && xr.LocalName == "title" && xr.Depth <= 2) title = xr.ReadElementContentAsString();
                else xr.Read();
            }
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException or ArgumentException or System.Runtime.Serialization.SerializationException) { }
        return (found, title);
    }

    private static List<IngestItem> Items(IEnumerable<SyndicationItem> feedItems, string? outlet, string source, ReaderOptions options, bool countEmpty)
    {
        var items = new List<IngestItem>();
        int n = 0;
        foreach (var item in feedItems)
        {
            n++;
            string origin = $"{source}#{n}";
            string? link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString() ?? item.Id;
            string title, body;
            try
            {
                title = HtmlText(item.Title?.Text, origin, options) ?? "";
                body = HtmlText((item.Content as TextSyndicationContent)?.Text ?? item.Summary?.Text, origin, options) ?? "";
            }
            catch (InputException e)
            {
                items.Add(IngestItem.Failed(e));
                continue;
            }
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
                Outlet = outlet,
                Category = item.Categories.FirstOrDefault()?.Name,
                Author = item.Authors.FirstOrDefault()?.Name,
                ExternalId = item.Id,
            }, origin));
        }
        if (n == 0 && countEmpty) items.Add(IngestItem.Failed(new InputException(source, "the feed has no items")));
        return items;
    }

    /// <summary>An item's markup as text, under the HTML reader's depth and time limits.</summary>
    private static string? HtmlText(string? html, string origin, ReaderOptions options)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        if (html.IndexOf('<') < 0 && html.IndexOf('&') < 0) return html.Trim();
        using var doc = HtmlArticleReader.ParseMarkup("<html><body>" + html + "</body></html>", origin, options.HtmlParseBudget, CancellationToken.None);
        var text = HtmlArticleReader.ExtractBody(doc);
        return text.Length == 0 ? null : text;
    }
}
