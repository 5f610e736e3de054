using System.Text;

namespace Marsad.Ingest;

/// <summary>
/// Turns the paths and URLs a user gives into a stream of <see cref="IngestItem"/>s, picking a
/// reader by content: folders recursively; <c>.jsonl</c>, <c>.ndjson</c> and gzip files as JSON
/// Lines; <c>.html/.htm</c> (or a file starting with <c>&lt;!doctype html</c> / <c>&lt;html</c>) as a
/// page; <c>.rss/.atom/.xml</c> (or a file starting with <c>&lt;?xml</c>, <c>&lt;rss</c>,
/// <c>&lt;feed</c>) as a feed; <c>.csv</c>/<c>.tsv</c> as CSV (a header, one article per row); anything
/// else as a plain-text article. <c>-</c> is standard input, and a pipe or device given by name
/// (<c>/dev/stdin</c>) is read once from its start like it. URLs are downloaded and read
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
            if (WebFetcher.IsUrl(input) || input == StdIn) { files.Add((input, null)); continue; }
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
                var read = input == StdIn ? ReadStream(Console.OpenStandardInput(), "stdin", options, cancellationToken) : ReadUrl(input, options, cancellationToken);
                foreach (var item in read) yield return item;
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
                // Files found in a folder are never read as streams (a FIFO there would block).
                var fileOptions = file == input ? options : options with { Streams = false };
                foreach (var item in ReadFile(file, fileOptions, progress, cancellationToken)) yield return item;
                try { done += new FileInfo(file).Length; } catch (IOException) { }
                progress?.Set(done, 0);
            }
        }
    }

    /// <summary>The input name that means standard input.</summary>
    public const string StdIn = "-";

    public enum Kind { Text, JsonLines, Html, Feed, Csv }

    /// <summary>The kind of a <c>--format</c> value (text, jsonl, html, feed, csv), or null for auto.</summary>
    public static Kind? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "text" or "txt" => Kind.Text,
        "jsonl" or "json" or "ndjson" => Kind.JsonLines,
        "html" => Kind.Html,
        "feed" or "rss" or "atom" => Kind.Feed,
        "csv" => Kind.Csv,
        _ => throw new ArgumentException($"unknown input format '{format}' (auto, text, jsonl, html, feed or csv)"),
    };

    /// <summary>What reader a file needs, from its name and first bytes.</summary>
    public static Kind Detect(string path, ReadOnlySpan<byte> head)
    {
        string name = path.ToLowerInvariant();
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B) return Kind.JsonLines;
        if (name.EndsWith(".jsonl") || name.EndsWith(".ndjson") || name.EndsWith(".jsonl.gz") || name.EndsWith(".json")) return Kind.JsonLines;
        if (name.EndsWith(".html") || name.EndsWith(".htm") || name.EndsWith(".xhtml")) return Kind.Html;
        if (name.EndsWith(".rss") || name.EndsWith(".atom") || name.EndsWith(".xml")) return Kind.Feed;
        if (name.EndsWith(".csv") || name.EndsWith(".tsv")) return Kind.Csv;
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
            // A FIFO, device or socket has no size. Found in a folder it is never opened (a FIFO would block until
            // a writer comes); named by the user (/dev/stdin, a pipe) it is read once, from its start, as a stream.
            if (!options.Streams && new FileInfo(path).Length == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
            var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            if (!fs.CanSeek)
            {
                if (options.Streams) return ReadStream(fs, path, options, cancellationToken);
                fs.Dispose();
                return [IngestItem.Failed(new InputException(path, "not a regular file"))];
            }
            using (fs)
            {
                if (fs.Length == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
                n = fs.Read(head);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [IngestItem.Failed(new InputException(path, e.Message, inner: e))];
        }
        if (n == 0) return [IngestItem.Failed(new InputException(path, "empty file"))];
        var kind = options.Format ?? Detect(path, head[..n]);
        return kind switch
        {
            Kind.JsonLines => JsonLinesReader.ReadFile(path, options, progress, cancellationToken),
            Kind.Csv => CsvArticleReader.ReadFile(path, options, cancellationToken),
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

    /// <summary>
    /// Reads a stream that can be read only once (standard input, a pipe): its first bytes say what it
    /// is (unless <see cref="ReaderOptions.Format"/> does) and are read again by the reader, so the first
    /// record is never lost. Articles of one text or HTML page are read whole, up to the file limit.
    /// </summary>
    public static IEnumerable<IngestItem> ReadStream(Stream stream, string name, ReaderOptions options, CancellationToken cancellationToken = default)
    {
        var head = new byte[256];
        int n;
        try
        {
            n = 0;
            while (n < head.Length && stream.Read(head, n, head.Length - n) is var got and > 0) n += got;
        }
        catch (IOException e)
        {
            stream.Dispose();
            return [IngestItem.Failed(new InputException(name, e.Message, inner: e))];
        }
        if (n == 0)
        {
            stream.Dispose();
            return [IngestItem.Failed(new InputException(name, "empty input"))];
        }
        // The bytes already read, then the rest of the stream.
        var whole = new PrefixedStream(head.AsMemory(0, n), stream);
        var kind = options.Format ?? Detect(name, head.AsSpan(0, n));
        switch (kind)
        {
            case Kind.JsonLines:
                // A gzip archive on a pipe is decompressed here (the reader detects gzip only on streams it can seek).
                bool gzip = n >= 2 && head[0] == 0x1F && head[1] == 0x8B;
                return JsonLinesReader.Read(gzip ? new System.IO.Compression.GZipStream(whole, System.IO.Compression.CompressionMode.Decompress) : whole,
                    name, options, cancellationToken);
            case Kind.Csv: return CsvArticleReader.Read(whole, name, options, cancellationToken);
            case Kind.Feed: return FeedReader.Read(whole, name, options).ToList();
        }
        byte[] bytes;
        using (whole)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = whole.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > options.MaxFileBytes)
                    return [IngestItem.Failed(new InputException(name, $"too large for one article (the limit is {options.MaxFileBytes / (1024 * 1024)} MiB)"))];
            }
            bytes = buffer.ToArray();
        }
        return kind == Kind.Html
            ? Single(name, () => HtmlArticleReader.Parse(HtmlArticleReader.DecodeHtml(bytes, name), name))
            : Single(name, () => TextArticleReader.Parse(TextDecoder.Decode(bytes, name, out _), name));
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
