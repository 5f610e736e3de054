using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marsad.Store.Events;

namespace Marsad.Store.Export;

/// <summary>An actor or recipient as PLOVER records them: the text, the country code (ISO 3166 alpha-3), the sector where known, and Marsad's key.</summary>
public sealed record PloverActor(string EntityText, string? Code, string? Sector, string Key, string? NameEn);

/// <summary>Where the report came from (PLOVER's <c>cite_info</c>).</summary>
public sealed record PloverCite(string DocId, string? Url, string? Title, string? Publisher, string? PubDate, string Language, string? Source);

/// <summary>The event's place (PLOVER's <c>event_loc</c>): resolution is the kind of place, geo_precision where in the text it was found.</summary>
public sealed record PloverLocation(string Name, string? NameEn, string Key, double? Lat, double? Lon, string? Admin1, string? CountryCode,
    string? Resolution, string? GeoPrecision);

/// <summary>One report of the event: its document, the sentence and the trigger with their offsets in the document's stored text.</summary>
public sealed record PloverReport(PloverCite CiteInfo, string EventText, int EventTextStart, int EventTextEnd,
    string Trigger, int TriggerStart, int TriggerEnd, string? Context);

/// <summary>A PLOVER event record (one JSON object per line), fields as docs/export.md lists them.</summary>
public sealed record PloverEvent(
    string Id, string Date, int TimePrecision, string EventType, string? Mode, string? Context,
    IReadOnlyList<PloverActor> Actors, IReadOnlyList<PloverActor> Recipients,
    string EventText, int EventTextStart, int EventTextEnd, PloverCite? CiteInfo, PloverLocation? EventLoc,
    long? Dead, long? Injured, int Reports, IReadOnlyList<PloverReport> Sources, string Coder, string Version, string? UpdatedAt);

/// <summary>Merged events as PLOVER JSON Lines (sources must be loaded).</summary>
public static class PloverJson
{
    public const string Coder = "marsad";

    /// <summary>The version of Marsad that coded the events.</summary>
    public static readonly string Version = typeof(PloverJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(PloverJson).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>snake_case, Arabic written as is, nulls kept (every field is present in every record).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(TextWriter writer, IEnumerable<MergedEvent> events, IReadOnlyDictionary<string, ExportEntity> entities)
    {
        foreach (var e in events)
        {
            writer.Write(JsonSerializer.Serialize(Record(e, entities), Json));
            writer.Write('\n');
        }
    }

    public static PloverEvent Record(MergedEvent e, IReadOnlyDictionary<string, ExportEntity> entities)
    {
        PloverActor Actor(string key, string label)
        {
            entities.TryGetValue(key, out var x);
            var country = Countries.Get(ExportEntities.CountryOf(key, entities));
            return new PloverActor(x?.Name ?? label, country?.Alpha3, Sector(x), key, x?.NameEn);
        }
        var reports = e.Sources.Select(s => new PloverReport(Cite(s), s.SentenceText, s.SentenceStart, s.SentenceEnd,
            s.Trigger, s.TriggerStart, s.TriggerEnd, s.Context)).ToList();
        var first = reports.FirstOrDefault();
        PloverLocation? loc = null;
        if (e.LocationKey is { } key)
        {
            entities.TryGetValue(key, out var place);
            loc = new PloverLocation(e.LocationName ?? place?.Name ?? key, place?.NameEn, key, e.Lat, e.Lon,
                e.LocationSubtype == "admin1" ? place?.NameEn ?? e.LocationName : null, Countries.Get(e.Country)?.Alpha3,
                e.LocationSubtype, e.GeoPrecision);
        }
        return new PloverEvent(e.Id, e.Date, e.TimePrecision, e.Type, e.Mode, e.Context,
            e.ActorKeys.Select((k, i) => Actor(k, i < e.ActorNames.Count ? e.ActorNames[i] : k)).ToList(),
            e.TargetKeys.Select((k, i) => Actor(k, i < e.TargetNames.Count ? e.TargetNames[i] : k)).ToList(),
            first?.EventText ?? "", first?.EventTextStart ?? 0, first?.EventTextEnd ?? 0, first?.CiteInfo, loc,
            e.Fatalities, e.Injured, Math.Max(e.Reports, e.Sources.Count), reports, Coder, Version, e.UpdatedAt);
    }

    private static PloverCite Cite(EventSource s) =>
        new(s.DocumentId, s.Url, s.Title, s.Outlet, s.Published, "ar", s.Source);

    /// <summary>
    /// PLOVER's sector of an actor where the entity says it: a country acting is its government (GOV),
    /// an armed group a rebel or militant group (REB); other entities have no sector Marsad can tell.
    /// </summary>
    private static string? Sector(ExportEntity? x) => x?.Subtype switch
    {
        "country" => "GOV",
        "group" => "REB",
        _ => null,
    };
}
