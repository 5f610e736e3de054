using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marsad.Store;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad indicators --by type|country|actor|month [filters] [--format text|json|csv]</c>.</summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var filters = EventsCommand.Filters.Create();
        var by = new Option<string>("--by") { Description = "type, country, actor, month or place (places with coordinates).", DefaultValueFactory = _ => "type" };
        by.AcceptOnlyFromAmong([.. IndicatorGroupings.Names]);
        var format = new Option<string>("--format", "-f") { Description = "text, json or csv.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var cmd = new Command("indicators", "Count merged events (not reports), their fatalities and sources by type, country, actor or month.") { data, by, format };
        filters.AddTo(cmd);
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            var filter = filters.Read(r);
            using var store = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            var table = store.Indicators(IndicatorGroupings.Parse(r.GetValue(by)) ?? IndicatorGrouping.Type, filter);
            Console.Out.Write(Render(table.Rows, r.GetValue(by)!, r.GetValue(format)!, table.Events, table.Reports));
            return CliErrors.Ok;
        }));
        return cmd;
    }

    public static string Render(IReadOnlyList<IndicatorRow> rows, string by, string format, long events, long reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        switch (format)
        {
            case "json":
                sb.Append(JsonSerializer.Serialize(new { by, events, reports, rows = rows.Select(x => new { key = x.Key, label = x.Label, events = x.Events, fatalities = x.Fatalities, sources = x.Sources }) },
                    new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                sb.Append('\n');
                break;
            case "csv":
                // CsvHelper, as every CSV Marsad writes: the formula guard on text, numbers as numbers.
                using (var w = new StringWriter(sb, inv))
                using (var csv = CsvCells.Writer(w))
                {
                    csv.WriteHeader([by, "label", "events", "fatalities", "sources"]);
                    foreach (var x in rows)
                    {
                        csv.WriteText(x.Key);
                        csv.WriteText(x.Label);
                        csv.WriteNumber(x.Events);
                        csv.WriteNumber(x.Fatalities);
                        csv.WriteNumber(x.Sources);
                        csv.EndRecord();
                    }
                }
                break;
            default:
                sb.Append(inv, $"{events} merged events from {reports} reports, by {by}\n");
                sb.Append(inv, $"{by,-28} {"events",8} {"fatalities",11} {"sources",8}\n");
                foreach (var x in rows)
                    sb.Append(inv, $"{(x.Label == x.Key ? x.Key : $"{x.Label} ({x.Key})"),-28} {x.Events,8} {x.Fatalities,11} {x.Sources,8}\n");
                break;
        }
        return sb.ToString();
    }
}
