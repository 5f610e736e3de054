using System.Globalization;
using Marsad.Store.Events;

namespace Marsad.Store.Export;

/// <summary>
/// ACLED's 31 columns, in ACLED's order and meaning (docs/export.md says how each is filled and what
/// Marsad cannot fill). One row per merged event.
/// </summary>
public static class AcledCsv
{
    public static readonly string[] Columns =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ];

    /// <summary>The PLOVER types ACLED's scope covers (political violence, demonstrations, the strategic developments Marsad codes).</summary>
    public static readonly IReadOnlySet<string> ScopeTypes = new HashSet<string>(["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"], StringComparer.Ordinal);

    /// <summary>An ACLED-scope event: a type of <see cref="ScopeTypes"/>, or a ceasefire (ACLED's Agreement).</summary>
    public static bool InScope(MergedEvent e) => ScopeTypes.Contains(e.Type) || e is { Type: "AGREE", Mode: "ceasefire" };

    // ACLED's actor type codes (inter1, inter2).
    private const int State = 1, Rioters = 5, Protesters = 6, Civilians = 7;

    /// <summary>Writes the header and one row per event (only ACLED-scope types unless <paramref name="all"/>); sources must be loaded.</summary>
    public static void Write(TextWriter writer, IEnumerable<MergedEvent> events, IReadOnlyDictionary<string, ExportEntity> entities, bool all = false, bool bom = false)
    {
        using var csv = CsvCells.Writer(writer, bom);
        csv.WriteHeader(Columns);
        foreach (var e in events)
        {
            if (!all && !InScope(e)) continue;
            WriteRow(csv, e, entities);
        }
    }

    private static void WriteRow(CsvHelper.CsvWriter csv, MergedEvent e, IReadOnlyDictionary<string, ExportEntity> entities)
    {
        var (type, sub) = AcledType(e);
        var country = Countries.Get(e.Country);
        var countryName = country?.Name;
        string? Label(string key) => entities.TryGetValue(key, out var x) ? x.NameEn ?? x.Name : key.StartsWith("iso3166:", StringComparison.Ordinal)
            ? Countries.Get(key[8..])?.Name ?? key : key;
        int? Inter(string key) => key.StartsWith("iso3166:", StringComparison.Ordinal) ? State : null;

        // ACLED names the crowd of a protest or riot and the civilians attacked when no one is named.
        string? actor1 = e.ActorKeys.Count > 0 ? Label(e.ActorKeys[0]) : null;
        int? inter1 = e.ActorKeys.Count > 0 ? Inter(e.ActorKeys[0]) : null;
        if (actor1 is null && type is "Protests" or "Riots")
        {
            (actor1, inter1) = (type == "Riots" ? "Rioters" : "Protesters", type == "Riots" ? Rioters : Protesters);
            if (countryName is not null) actor1 += $" ({countryName})";
        }
        string? actor2 = e.TargetKeys.Count > 0 ? Label(e.TargetKeys[0]) : null;
        int? inter2 = e.TargetKeys.Count > 0 ? Inter(e.TargetKeys[0]) : null;
        if (actor2 is null && type == "Violence against civilians")
            (actor2, inter2) = ("Civilians" + (countryName is null ? "" : $" ({countryName})"), Civilians);
        int? interaction = (inter1, inter2) switch
        {
            ({ } a, { } b) => Math.Min(a, b) * 10 + Math.Max(a, b),
            ({ } a, null) when actor2 is null => a * 10, // ACLED's "sole" interactions: 10, 60 …
            _ => null,
        };

        csv.WriteText(country is null ? e.Id : $"{country.Alpha3}-{e.Id}");
        csv.WriteText(e.Date);
        csv.WriteNumber(int.Parse(e.Date.AsSpan(0, 4), CultureInfo.InvariantCulture));
        csv.WriteNumber(e.TimePrecision);
        csv.WriteText(DisorderType(type));
        csv.WriteText(type);
        csv.WriteText(sub);
        csv.WriteText(actor1);
        csv.WriteText(string.Join("; ", e.ActorKeys.Skip(1).Select(Label)));
        csv.WriteNumber(inter1);
        csv.WriteText(actor2);
        csv.WriteText(string.Join("; ", e.TargetKeys.Skip(1).Select(Label)));
        csv.WriteNumber(inter2);
        csv.WriteNumber(interaction);
        csv.WriteText(type == "Violence against civilians" ? "Civilian targeting" : "");
        csv.WriteNumber(country?.Numeric);
        csv.WriteText(country?.Region);
        csv.WriteText(countryName ?? e.Country);
        string? placeName = e.LocationKey is null ? null : Label(e.LocationKey) ?? e.LocationName;
        csv.WriteText(e.LocationSubtype == "admin1" ? placeName : "");
        csv.WriteText("");
        csv.WriteText("");
        csv.WriteText(placeName);
        csv.WriteNumber(e.Lat);
        csv.WriteNumber(e.Lon);
        csv.WriteNumber(GeoPrecision(e));
        csv.WriteText(string.Join("; ", e.Sources.Select(s => s.Outlet ?? Host(s.Url) ?? s.Source ?? s.DocumentId).Distinct()));
        csv.WriteText("");
        csv.WriteText(e.Sources.Count > 0 ? e.Sources[0].SentenceText.ReplaceLineEndings(" ").Trim() : "");
        csv.WriteNumber(e.Fatalities ?? 0);
        csv.WriteText($"marsad_id={e.Id}; reports={Math.Max(e.Reports, e.Sources.Count)}");
        csv.WriteNumber(UnixSeconds(e.UpdatedAt));
        csv.EndRecord();
    }

    /// <summary>
    /// ACLED's spatial precision: 1 the town or site itself, 2 a region, or a town named only elsewhere in
    /// the sentence, 3 a country or wider, or a place guessed from the article's main place (never 1).
    /// </summary>
    public static int? GeoPrecision(MergedEvent e)
    {
        if (e.LocationKey is null) return null;
        if (e.GeoPrecision == "document") return 3;
        return e.LocationSubtype switch
        {
            "city" or "facility" => e.GeoPrecision == "sentence" ? 2 : 1,
            "admin1" => 2,
            _ => 3,
        };
    }

    private static string DisorderType(string acledType) => acledType switch
    {
        "Battles" or "Explosions/Remote violence" or "Violence against civilians" => "Political violence",
        "Protests" or "Riots" => "Demonstrations",
        _ => "Strategic developments",
    };

    private static string? Host(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : null;

    private static long? UnixSeconds(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeSeconds() : null;

    /// <summary>PLOVER type and mode → ACLED event type and sub-event type.</summary>
    public static (string Type, string Sub) AcledType(MergedEvent e) => (e.Type, e.Mode) switch
    {
        ("ASSAULT", "aerial") => ("Explosions/Remote violence", "Air/drone strike"),
        ("ASSAULT", "explosives") => ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("ASSAULT", "abduct") => ("Violence against civilians", "Abduction/forced disappearance"),
        ("ASSAULT", "firearms") => ("Battles", "Armed clash"),
        ("ASSAULT", _) => ("Violence against civilians", "Attack"),
        ("PROTEST", "riot") => ("Riots", "Violent demonstration"),
        ("PROTEST", _) => ("Protests", "Peaceful protest"),
        ("COERCE", "arrest") => ("Strategic developments", "Arrests"),
        ("COERCE", "seize") => ("Strategic developments", "Looting/property destruction"),
        ("MOBILIZE", _) => ("Strategic developments", "Change to group/activity"),
        ("AGREE", "ceasefire") => ("Strategic developments", "Agreement"),
        ("RETREAT", _) => ("Strategic developments", "Non-violent transfer of territory"),
        _ => ("Strategic developments", "Other"),
    };
}
