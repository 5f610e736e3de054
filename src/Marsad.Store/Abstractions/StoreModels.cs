using Marsad.Store.Events;

namespace Marsad.Store;

/// <summary>What an archive is: its kind ("embedded", "postgres"), where, its schema version and what it holds.</summary>
/// <param name="DatabaseBytes">Bytes of the database on disk, null when the store cannot tell (a server).</param>
/// <param name="IndexBytes">Bytes of a separate search index, null when there is none.</param>
public sealed record StoreInfo(string Kind, string Location, int SchemaVersion, long Documents, long? DatabaseBytes, long? IndexBytes);

/// <summary>The archive's change counter: the last document number and the count. Equal stamps mean the same documents.</summary>
public readonly record struct StoreStamp(long LastSeq, long Count);

/// <summary>How <see cref="MarsadStores.Open"/> opens an archive.</summary>
public sealed record StoreOpenOptions
{
    /// <summary>Refuse to create one: a location without an archive is an <see cref="Ingest.InputException"/> naming it (read commands).</summary>
    public bool MustExist { get; init; }

    /// <summary>
    /// How long a read waits for merged events that are not current (an archive from an older version):
    /// past it the merge goes on in the background and the read throws <see cref="EventsPendingException"/>.
    /// Default: wait for the merge (the CLI); the server uses seconds.
    /// </summary>
    public TimeSpan MergeWait { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long such a merge waits for the archive's write lock (another process ingesting).</summary>
    public TimeSpan MergeLockWait { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What <see cref="IArchiveWriter.IngestArticle"/> did: the article's id, whether it was stored now (false: it was there), and the stored document.</summary>
public sealed record ArticleIngestResult(string Id, bool Created, StoredDocument Document);

/// <summary>Entities found by <see cref="IEntityStore.FindEntities"/>: the page and how many match in all.</summary>
public sealed record EntityMatches(long Total, IReadOnlyList<EntityInfo> Entities);

/// <summary>
/// A page of merged events. <see cref="Page"/> (from 1) with <see cref="PageSize"/> when <see cref="Cursor"/> is null;
/// with a cursor, the page after it. Oldest first when <see cref="NewestFirst"/> is false.
/// </summary>
public sealed record EventPageRequest(MergedEventFilter Filter, int PageSize = 50, int Page = 1, EventCursor? Cursor = null, bool NewestFirst = true);

/// <summary>A page of merged events with their sources (see <see cref="IEventStore.QueryEvents"/>).</summary>
public sealed record EventPage(long Total, long Reports, IReadOnlyList<MergedEvent> Events, EventCursor? Next,
    IReadOnlyList<EventChange>? Removed = null, string? AsOf = null);

/// <summary>What <see cref="IIndicatorStore.Indicators"/> groups by.</summary>
public enum IndicatorGrouping { Type, Country, Actor, Month, Place }

public static class IndicatorGroupings
{
    /// <summary>The names accepted on the command line and in the API, in <see cref="IndicatorGrouping"/> order.</summary>
    public static readonly IReadOnlyList<string> Names = ["type", "country", "actor", "month", "place"];

    /// <summary>type, country, actor, month or place (case-insensitive); null otherwise.</summary>
    public static IndicatorGrouping? Parse(string? text) =>
        Names.Select((n, i) => (n, i)).FirstOrDefault(x => string.Equals(x.n, text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { n: not null } m
            ? (IndicatorGrouping)m.i : null;

    public static string Name(this IndicatorGrouping by) => Names[(int)by];
}

/// <summary>Indicator rows (see <see cref="IIndicatorStore.Indicators"/>), and the events and reports counted.</summary>
public sealed record IndicatorTable(IndicatorGrouping By, IReadOnlyList<IndicatorRow> Rows, long Events, long Reports);

/// <summary>The archive's events are still being merged (a large archive, just opened or just grown).</summary>
public sealed class EventsPendingException(long documents)
    : Exception($"The events of the archive's {documents:N0} documents are being merged; try again in a minute.");

/// <summary>A location names a kind of store this build cannot open (e.g. postgres:// without the PostgreSQL provider).</summary>
public sealed class StoreUnavailableException(string message) : Exception(message);

/// <summary>An archive written by a newer Marsad (a schema version this build does not know): it is not touched.</summary>
public sealed class ArchiveVersionException(string location, int found, int known)
    : Exception($"{location}: the archive has schema version {found}, newer than this Marsad knows ({known}); use a newer Marsad (the archive was not changed)")
{
    public string Location { get; } = location;
    public int Found { get; } = found;
    public int Known { get; } = known;
}
