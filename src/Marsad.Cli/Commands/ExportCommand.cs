using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marsad.Store.Events;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad export events --format plover-json|acled-csv|jsonl [filters]</c> (mapping: docs/export.md).</summary>
public static class ExportCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var filters = EventsCommand.Filters.Create();
        var format = new Option<string>("--format", "-f") { Description = "plover-json, acled-csv or jsonl.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("plover-json", "acled-csv", "jsonl");
        var events = new Command("events", "Export merged events: PLOVER-style JSON, ACLED-style CSV or JSON Lines.") { data, format };
        filters.AddTo(events);
        events.SetAction(r => CliErrors.Run(() =>
        {
            var list = filters.Load(r, r.GetValue(data)!, withSources: true);
            Console.Out.Write(r.GetValue(format) switch
            {
                "plover-json" => JsonSerializer.Serialize(list.Select(Plover), new JsonSerializerOptions(Json) { WriteIndented = true }) + "\n",
                "acled-csv" => Acled(list),
                _ => string.Concat(list.Select(e => JsonSerializer.Serialize(e, Json) + "\n")),
            });
            return CliErrors.Ok;
        }));
        return new Command("export", "Export data from the archive.") { events };
    }

    /// <summary>A PLOVER-style record (see docs/export.md).</summary>
    public static object Plover(MergedEvent e) => new
    {
        id = e.Id,
        date = e.Date,
        actor = e.ActorNames.FirstOrDefault(),
        actor_keys = e.ActorKeys,
        recipient = e.TargetNames.FirstOrDefault(),
        recipient_keys = e.TargetKeys,
        @event = e.Type,
        mode = e.Mode,
        context = (string?)null,
        event_loc = new { name = e.LocationName, key = e.LocationKey, lat = e.Lat, lon = e.Lon, country_code = e.Country, geo_precision = e.GeoPrecision },
        fatalities = e.Fatalities,
        injured = e.Injured,
        sources = e.Sources.Select(s => new { document = s.DocumentId, source = s.Source ?? s.Url, trigger = s.Trigger, text = s.SentenceText }),
    };

    private static readonly string[] AcledColumns =
        ["event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
         "geo_precision", "time_precision", "source", "notes", "fatalities"];

    /// <summary>ACLED-style CSV (see docs/export.md for how PLOVER types map to ACLED's).</summary>
    public static string Acled(IEnumerable<MergedEvent> events)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(string.Join(",", AcledColumns)).Append('\n');
        foreach (var e in events)
        {
            var (type, sub) = AcledType(e);
            // ACLED: 1 the town itself, 2 a part of a region near it, 3 only the region or country is known.
            int geo = e.GeoPrecision == "document" ? 3 : e.LocationSubtype switch { "city" or "facility" => 1, "admin1" => 2, _ => 3 };
            string[] row =
            [
                e.Id, e.Date, type, sub, e.ActorNames.FirstOrDefault() ?? "", e.TargetNames.FirstOrDefault() ?? "", e.Country ?? "",
                e.LocationSubtype == "admin1" ? e.LocationName ?? "" : "", e.LocationName ?? "",
                e.Lat?.ToString("0.####", inv) ?? "", e.Lon?.ToString("0.####", inv) ?? "", geo.ToString(inv), "1",
                string.Join("; ", e.Sources.Select(s => s.Source ?? s.Url ?? s.DocumentId).Distinct()),
                e.Sources.Count > 0 ? e.Sources[0].SentenceText.Replace('\n', ' ') : "", (e.Fatalities ?? 0).ToString(inv),
            ];
            sb.Append(string.Join(",", row.Select(IndicatorsCommand.Csv))).Append('\n');
        }
        return sb.ToString();
    }

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
        ("MOBILIZE", _) => ("Strategic developments", "Other"),
        ("AGREE", _) => ("Strategic developments", "Agreement"),
        ("RETREAT", _) => ("Strategic developments", "Non-violent transfer of territory"),
        _ => ("Strategic developments", "Other"),
    };
}
