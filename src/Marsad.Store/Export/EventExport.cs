using System.Text.Json;
using Marsad.Store.Events;

namespace Marsad.Store.Export;

/// <summary>The event export formats, one entry point for the CLI and the API (docs/export.md).</summary>
public static class EventExport
{
    /// <summary>jsonl: Marsad's merged events; plover: PLOVER JSON Lines; acled-csv: ACLED's 31 columns.</summary>
    public static readonly string[] Formats = ["jsonl", "plover", "acled-csv"];

    /// <param name="all">ACLED: every event type, not only those in ACLED's scope.</param>
    /// <param name="bom">ACLED: start with a UTF-8 byte order mark (Excel).</param>
    public static void Write(TextWriter writer, string format, IEntityStore store, IReadOnlyList<MergedEvent> events, bool all = false, bool bom = false)
    {
        switch (format)
        {
            case "jsonl":
                foreach (var e in events)
                {
                    writer.Write(JsonSerializer.Serialize(e, PloverJson.Json));
                    writer.Write('\n');
                }
                break;
            case "plover":
                PloverJson.Write(writer, events, ExportEntities.Of(store, events));
                break;
            case "acled-csv":
                var kept = all ? events : events.Where(AcledCsv.InScope).ToList();
                AcledCsv.Write(writer, kept, ExportEntities.Of(store, kept), all: true, bom);
                break;
            default:
                throw new ArgumentException($"unknown export format '{format}' ({string.Join(", ", Formats)})", nameof(format));
        }
    }

    /// <summary>The changes feed as JSON Lines: <c>{"id", "change", "merged_into", "at"}</c>.</summary>
    public static void WriteChanges(TextWriter writer, IEnumerable<EventChange> changes)
    {
        foreach (var c in changes)
        {
            writer.Write(JsonSerializer.Serialize(c, PloverJson.Json));
            writer.Write('\n');
        }
    }
}
