using Marsad.Analysis;

namespace Marsad.Store;

/// <summary>A document as the archive holds it (the untouched text with its metadata).</summary>
public sealed record StoredDocument
{
    /// <summary>Insertion order in this archive (1, 2, …).</summary>
    public long Seq { get; init; }
    /// <summary>Marsad's id: sha256 of the normalised body, 16 hex chars.</summary>
    public required string Id { get; init; }
    public string? ExternalId { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    /// <summary>The outlet (e.g. "alarabia").</summary>
    public string? Outlet { get; init; }
    public string? Category { get; init; }
    public string? Author { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public DateOnly? Published { get; init; }
    /// <summary>Title + "\n\n" + sub-title + "\n\n" + body, as analysed; offsets of the analysis index it.</summary>
    public required string Text { get; init; }
    /// <summary>Offset in <see cref="Text"/> where the part after the title (sub-title, body) starts.</summary>
    public int BodyStart { get; init; }
    /// <summary>Story cluster shared with near-duplicates (the id of its first document), or null.</summary>
    public string? ClusterId { get; init; }
    public DateTimeOffset IngestedAt { get; init; }

    /// <summary>
    /// The article this document was made from: the stored text split back into title, sub-title and body,
    /// so that analysing it again gives the same id and the same offsets (used to copy an archive into another store).
    /// </summary>
    public ArticleInput ToArticle()
    {
        var rest = Text.AsSpan(Math.Clamp(BodyStart, 0, Text.Length));
        if (!string.IsNullOrEmpty(Subtitle) && rest.StartsWith(Subtitle + AnalyzedDocument.PartSeparator, StringComparison.Ordinal))
            rest = rest[(Subtitle.Length + AnalyzedDocument.PartSeparator.Length)..];
        return new ArticleInput
        {
            Title = Title, Subtitle = Subtitle, Body = rest.ToString(), Published = Published, Source = Source, Url = Url,
            Outlet = Outlet, Category = Category, Author = Author, ExternalId = ExternalId,
        };
    }
}

/// <summary>Settings of one ingest run.</summary>
public sealed record IngestOptions
{
    /// <summary>Threads analysing documents in parallel.</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    /// <summary>Documents per SQLite transaction and Lucene commit.</summary>
    public int BatchSize { get; init; } = 2000;
    /// <summary>Documents waiting between the stages (bounds memory).</summary>
    public int QueueCapacity { get; init; } = 256;
    /// <summary>The analysis pipeline; default <c>MarsadPipeline.Default</c>.</summary>
    public AnalysisPipeline? Pipeline { get; init; }
    /// <summary>How long to wait for another writer to finish before <see cref="ArchiveInUseException"/>; null: the store's default (no wait).</summary>
    public TimeSpan? LockWait { get; init; }
    /// <summary>Rejected inputs kept in the summary (the count goes on).</summary>
    public int MaxRejectedListed { get; init; } = 1000;
}

/// <summary>Search entries rebuilt from the stored documents (<see cref="Reindexed"/>) and stale ones dropped (<see cref="Removed"/>).</summary>
public sealed record IndexRepair(int Reindexed, int Removed);

public sealed record RejectedInput(string Origin, string Reason);

/// <summary>Counters while an ingest runs.</summary>
public sealed record IngestProgress(long Read, long Stored, long Duplicates, long Rejected, long BytesDone, long BytesTotal);

public sealed record IngestSummary
{
    /// <summary>Items the readers produced (articles and refused inputs).</summary>
    public long Read { get; init; }
    public long Stored { get; init; }
    /// <summary>Articles already in the archive (same id), skipped before analysis.</summary>
    public long Duplicates { get; init; }
    /// <summary>Stored documents that joined a story cluster.</summary>
    public long NearDuplicates { get; init; }
    /// <summary>Story clusters created or extended by this run.</summary>
    public long Clusters { get; init; }
    public long RejectedCount { get; init; }
    public IReadOnlyList<RejectedInput> Rejected { get; init; } = [];
    public long BytesRead { get; init; }
    /// <summary>Characters of text stored by this run.</summary>
    public long TextChars { get; init; }
    public TimeSpan Elapsed { get; init; }
    public long ArchiveCount { get; init; }
    /// <summary>What was repaired before the run (after an interrupted one): documents re-indexed and index entries removed; null when nothing was.</summary>
    public IndexRepair? Repaired { get; init; }
    /// <summary>Thread time spent per step (read, analyse, index, store, commit), summed over threads.</summary>
    public IReadOnlyDictionary<string, TimeSpan> StepTimes { get; init; } = new Dictionary<string, TimeSpan>();
}

/// <summary>A document analysed and ready to store (built on an analysis thread).</summary>
internal sealed record PreparedDocument(DocumentInfo Document, string Text, int BodyStart, AnalysisContract Contract, string AnalysisJson, uint[]? MinHash, string Origin);
