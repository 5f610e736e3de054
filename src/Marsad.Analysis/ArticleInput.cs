namespace Marsad.Analysis;

/// <summary>An article as a reader hands it over: untouched text parts plus what the input says about it.</summary>
public sealed record ArticleInput
{
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public required string Body { get; init; }
    /// <summary>Publication date (the dateline, or the feed's date).</summary>
    public DateOnly? Published { get; init; }
    /// <summary>File path, URL or feed item link.</summary>
    public string? Source { get; init; }
    public string? Url { get; init; }
    /// <summary>The outlet (e.g. "bbc", "alarabiya").</summary>
    public string? Outlet { get; init; }
    public string? Category { get; init; }
    public string? Author { get; init; }
    /// <summary>An id the input gives (e.g. a corpus docno), kept beside Marsad's own id.</summary>
    public string? ExternalId { get; init; }
    public string Language { get; init; } = "ar";
}
