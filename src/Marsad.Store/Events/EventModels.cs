namespace Marsad.Store.Events;

/// <summary>One report of a merged event: the document and the event mention in it.</summary>
public sealed record EventSource(string DocumentId, string Title, string? Source, string? Url, string LocalId, string Trigger, string SentenceText)
{
    /// <summary>The document's outlet (publisher) and publication day (YYYY-MM-DD).</summary>
    public string? Outlet { get; init; }
    public string? Published { get; init; }
    /// <summary>UTF-16 offsets of the trigger and of its sentence in the document's stored text.</summary>
    public int TriggerStart { get; init; }
    public int TriggerEnd { get; init; }
    public int SentenceStart { get; init; }
    public int SentenceEnd { get; init; }
    /// <summary>The event mention's PLOVER context (null when the analysis gave none).</summary>
    public string? Context { get; init; }
}

/// <summary>
/// An event as it happened, merged from the reports of it across documents: same type, overlapping
/// actors, places that match or contain each other, dates within a window.
/// </summary>
public sealed record MergedEvent(
    string Id, string Type, string? Mode, string Date,
    string? LocationKey, string? LocationName, string? Country, double? Lat, double? Lon, string? LocationSubtype,
    List<string> ActorKeys, List<string> ActorNames, List<string> TargetKeys, List<string> TargetNames,
    long? Fatalities, long? Injured, List<EventSource> Sources)
{
    /// <summary>How many event reports (mentions across documents) the event merges; set also when <see cref="Sources"/> is not loaded.</summary>
    public int Reports { get; init; }
    /// <summary>How many distinct documents report it.</summary>
    public int Documents { get; init; }
    /// <summary>Where its place came from in the best report: clause, sentence or document (null when no place).</summary>
    public string? GeoPrecision { get; init; }
    /// <summary>How exactly the date is known (ACLED's scale): 1 the day, 2 a few days or only the report's dateline, 3 a month or a year.</summary>
    public int TimePrecision { get; init; } = 1;
    /// <summary>When the event was last added or changed (UTC, ISO 8601): what the changes feed compares.</summary>
    public string? UpdatedAt { get; init; }
    /// <summary>The first PLOVER context among its reports.</summary>
    public string? Context { get; init; }
}

/// <summary>Which merged events: each given part must hold (null: any).</summary>
/// <param name="Type">A PLOVER type (case-insensitive).</param>
/// <param name="Country">The event's country as an ISO 3166 alpha-2 code (resolve names first: <see cref="IEntityStore.ResolveCountry"/>).</param>
/// <param name="Actor">An actor's key, or part of its name (at search normalisation).</param>
/// <param name="From">On or after this day.</param>
/// <param name="To">On or before this day.</param>
/// <param name="UpdatedSince">Only events added or changed at or after this time (the changes feed).</param>
/// <param name="WindowDays">Days apart the reports of one event may be (the merge the events come from).</param>
public sealed record MergedEventFilter(string? Type = null, string? Country = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null,
    DateTimeOffset? UpdatedSince = null, int WindowDays = EventStore.DefaultWindowDays);

/// <summary>One row of <c>marsad indicators</c>: merged events, their fatalities and their reports.</summary>
/// <param name="Key">What the row counts: a type, an ISO code, an actor or place key, a month (YYYY-MM); "-" for none.</param>
public sealed record IndicatorRow(string Key, string Label, long Events, long Fatalities, long Sources)
{
    /// <summary>The place's coordinates (rows by place only).</summary>
    public double? Lat { get; init; }
    public double? Lon { get; init; }
}
