using System.CommandLine;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad export events --format jsonl|plover|acled-csv [--all] [--bom] [--since T] [filters]</c> and
/// <c>marsad export changes --since T</c> (fields: docs/export.md).
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var filters = EventsCommand.Filters.Create();
        var format = new Option<string>("--format", "-f") { Description = "jsonl (Marsad's events), plover (PLOVER JSON Lines) or acled-csv (ACLED's 31 columns).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong(EventExport.Formats);
        var all = new Option<bool>("--all") { Description = "acled-csv: every event type, not only those in ACLED's scope (violence, protests, arrests, deployments, withdrawals, ceasefires)." };
        var bom = new Option<bool>("--bom") { Description = "acled-csv: start with a UTF-8 byte order mark, for Excel." };
        var since = ChangesSince(required: false);
        var events = new Command("events", "Export merged events: Marsad JSON Lines, PLOVER JSON Lines or ACLED CSV.") { data, format, all, bom, since };
        filters.AddTo(events);
        events.SetAction(r => CliErrors.Run(() =>
        {
            var filter = filters.Read(r) with { UpdatedSince = ParseSince(r.GetValue(since)) };
            using var store = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            var list = store.LoadEvents(filter, withSources: true);
            EventExport.Write(Console.Out, r.GetValue(format)!, store, list, r.GetValue(all), r.GetValue(bom));
            return CliErrors.Ok;
        }));

        var changesData = ArchiveOptions.Data();
        var changesSince = ChangesSince(required: true);
        var changes = new Command("changes", "The changes feed: event ids added, changed, merged into another event or deleted since a time (JSON Lines).") { changesData, changesSince };
        changes.SetAction(r => CliErrors.Run(() =>
        {
            var from = ParseSince(r.GetValue(changesSince))!.Value;
            using var store = ArchiveOptions.OpenExisting(r.GetValue(changesData)!);
            EventExport.WriteChanges(Console.Out, store.Changes(from));
            return CliErrors.Ok;
        }));
        return new Command("export", "Export data from the archive.") { events, changes };
    }

    private static Option<string?> ChangesSince(bool required) => new("--since")
    {
        Description = "Only what was added or changed at or after this time: ISO 8601 (2024-05-01, 2024-05-01T10:00:00Z) or Unix seconds.",
        Required = required,
    };

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null) return null;
        return EventStore.ParseSince(text) ?? throw new Ingest.InputException("--since", $"'{text}' is not a time (ISO 8601 such as 2024-05-01T10:00:00Z, or Unix seconds)");
    }
}
