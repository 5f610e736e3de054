namespace Marsad.Ingest;

/// <summary>Limits and settings shared by every reader.</summary>
public sealed record ReaderOptions
{
    public static ReaderOptions Default { get; } = new();

    /// <summary>Largest single-article file (text or HTML) read into memory.</summary>
    public long MaxFileBytes { get; init; } = TextArticleReader.DefaultMaxBytes;
    /// <summary>Largest JSON Lines line in bytes; longer lines are skipped with an error (never held whole in memory).</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024 * 1024;
    /// <summary>Largest feed document (file or download).</summary>
    public long MaxFeedBytes { get; init; } = 32 * 1024 * 1024;
    /// <summary>Largest download of any kind.</summary>
    public long MaxDownloadBytes { get; init; } = 32 * 1024 * 1024;
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Longest time one HTML page (or one feed item's markup) may take to parse.</summary>
    public TimeSpan HtmlParseBudget { get; init; } = HtmlArticleReader.DefaultParseBudget;
    /// <summary>Follow links inside an input folder that point out of it (off: such links are skipped with a message).</summary>
    public bool FollowLinks { get; init; }
    /// <summary>Field names for JSON Lines archives and the column names of CSV files.</summary>
    public JsonLinesFields Fields { get; init; } = JsonLinesFields.Default;
    /// <summary>Read every input as this kind instead of detecting it (<c>--format</c>); null: detect from the name and first bytes.</summary>
    public ArticleSources.Kind? Format { get; init; }
    /// <summary>A file named by the user that is a pipe or device (/dev/stdin) is read as a stream (not refused as empty).</summary>
    public bool Streams { get; init; } = true;
}
