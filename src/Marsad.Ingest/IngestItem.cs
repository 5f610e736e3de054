using Marsad.Analysis;

namespace Marsad.Ingest;

/// <summary>
/// One thing a reader found: an article, or the reason an input (a file, a line, a feed item) was
/// refused. Readers yield errors as items instead of throwing, so one bad item never stops the batch.
/// </summary>
public sealed class IngestItem
{
    private IngestItem(ArticleInput? article, InputException? error, string origin)
    {
        Article = article;
        Error = error;
        Origin = origin;
    }

    public ArticleInput? Article { get; }
    public InputException? Error { get; }
    /// <summary>Where it came from: a path, <c>path:line</c> or a URL.</summary>
    public string Origin { get; }

    public static IngestItem Ok(ArticleInput article, string origin) => new(article, null, origin);

    public static IngestItem Failed(InputException error) =>
        new(null, error, error.Line is null ? error.Source_ : $"{error.Source_}:{error.Line}");
}

/// <summary>How far the readers are through their inputs, in bytes of input (compressed bytes for gzip).</summary>
public sealed class ReadProgress
{
    private long _done;
    private long _total;

    public long BytesDone => Interlocked.Read(ref _done);
    /// <summary>Sum of the sizes of all local inputs; 0 when unknown (URLs only).</summary>
    public long BytesTotal => Interlocked.Read(ref _total);

    internal void AddTotal(long bytes) => Interlocked.Add(ref _total, bytes);
    internal void Set(long baseBytes, long position) => Interlocked.Exchange(ref _done, baseBytes + position);
    internal void Add(long bytes) => Interlocked.Add(ref _done, bytes);
}
