using System.Text;

namespace Marsad.Ingest;

/// <summary>
/// Turns the paths and URLs a user gives into a stream of <see cref="IngestItem"/>s, picking a
/// reader by content: folders recursively; <c>.jsonl</c>, <c>.ndjson</c> and gzip files as JSON
/// Lines; <c>.html/.htm</c> (or a file starting with <c>&lt;!doctype html</c> / <c>&lt;html</c>) as a
/// page; <c>.rss/.atom/.xml</c> (or a file starting with <c>&lt;?xml</c>, <c>&lt;rss</c>,
/// <c>&lt;feed</c>) as a feed; anything else as a plain-text article. URLs are downloaded and read
/// as a feed or a page by their content type. Errors become items; nothing here throws for bad input.
/// </summary>
public static class ArticleSources
{
    public static IEnumerable<IngestItem> Read(IEnumerable<string> inputs, ReaderOptions? options = null, ReadProgress? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= ReaderOptions.Default;
        var list = inputs.ToList();
        // Sizes up front so progress can be a fraction.
        var files = new List<(string Input, List<string>? Files)>();
        var skipped = new List<InputException>();
        foreach (var input in list)
        {
            if (WebFetcher.IsUrl(input)) { files.Add((input, null)); continue; }
            List<string> found = [];
            if (Directory.Exists(input))
            {
                try { found = FolderWalker.Files(input, options.FollowLinks, skipped); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { found = []; }
            }
            else found = [input];
            foreach (var f in found)
            {
                try { progress?.AddTotal(new FileInfo(f).Length); } catch (IOException) { }
            }
            files.Add((input, found));
        }
        foreach (var s in skipped) yield return IngestItem.Failed(s);
        long done = 0;
        foreach (var (input, found) in files)
        {
            if (found is null)
            {
                foreach (var item in ReadUrl(input, options, cancellationToken)) yield return item;
                continue;
            }
            if (found.Count == 0 && Directory.Exists(input))
            {
                yield return IngestItem.Failed(new InputException(input, "the folder holds no files"));
                continue;
            }
            foreach (var file in found)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Set(done, 0);
                foreach (var item in ReadFile(file, options, progress, cancellationToken)) yield return item;
                try { done += new FileInfo(file).Length; } catch (IOException) { }
                progress?.Set(done, 0);
            }
        }
    }

    public enum Kind { Text, JsonLines, Html, Feed }

    /// <summary>What reader a file needs, from its name and first bytes.</summary>
    public static Kind Detect(string path, ReadOnlySpan<byte> head)
    {
        string name = path.ToLowerInvariant();
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B) return Kind.JsonLines;
        if (name.EndsWith(".jsonl") || name.EndsWith(".ndjson") || name.EndsWith(".jsonl.gz") || name.EndsWith(".json")) return Kind.JsonLines;
        if (name.EndsWith(".html") || name.EndsWith(".htm") || name.EndsWith(".xhtml")) return Kind.Html;
        if (name.EndsWith(".rss") || name.EndsWith(".atom") || name.EndsWith(".xml")) return Kind.Feed;
        var start = Encoding.UTF8.GetString(head.TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])).TrimStart().ToLowerInvariant();
        if (start.StartsWith("<!doctype html") || start.StartsWith("<html")) return Kind.Html;
        if (start.StartsWith("<?xml") || start.StartsWith("<rss") || start.StartsWith("<feed")) return Kind.Feed;
        if (start.StartsWith('{')) return Kind.JsonLines;
        return Kind.Text;
    }

    public static IEnumerable<IngestItem> ReadFile(string path, ReaderOptions options, ReadProgress? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return [IngestItem.Failed(new InputException(path, Directory.Exists(path) ? "is a folder" : "no such file or folder"))];
        Span<byte> head = stackalloc byte[256];
        int n;
        try
        {
            // A FIFO, device or socket has no size, so it is never opened (a FIFO would block until a writer comes).
            if (new FileInfo(path).Length == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
            using var fs = File.OpenRead(path);
            n = fs.Read(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [IngestItem.Failed(new InputException(path, e.Message, inner: e))];
        }
        if (n == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
        var kind = Detect(path, head[..n]);
        return kind switch
        {
            Kind.JsonLines => JsonLinesReader.ReadFile(path, options, progress, cancellationToken),
            Kind.Feed => FeedReader.ReadFile(path, options),
            Kind.Html => Single(path, () => HtmlArticleReader.ReadFile(path, options)),
            _ => Single(path, () => TextArticleReader.ReadFile(path, options.MaxFileBytes)),
        };
    }

    private static IEnumerable<IngestItem> Single(string path, Func<Analysis.ArticleInput> read)
    {
        try { return [IngestItem.Ok(read(), path)]; }
        catch (InputException e) { return [IngestItem.Failed(e)]; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [IngestItem.Failed(new InputException(path, e.Message, inner: e))];
        }
    }

    /// <summary>A feed URL gives its items; a page URL its article.</summary>
    public static IEnumerable<IngestItem> ReadUrl(string url, ReaderOptions options, CancellationToken cancellationToken = default)
    {
        byte[] body;
        string? type;
        try { (body, type) = WebFetcher.FetchAsync(url, options, cancellationToken).GetAwaiter().GetResult(); }
        catch (InputException e) { return [IngestItem.Failed(e)]; }
        var head = body.AsSpan(0, Math.Min(body.Length, 256));
        bool feed = type is not null && (type.Contains("rss") || type.Contains("atom") || type.EndsWith("/xml"));
        if (!feed && type is null or "text/plain" or "application/octet-stream") feed = Detect(url, head) == Kind.Feed;
        if (feed) return FeedReader.Read(new MemoryStream(body), url, options).ToList();
        return Single(url, () => HtmlArticleReader.Parse(HtmlArticleReader.DecodeHtml(body, url), url, url));
    }
}
