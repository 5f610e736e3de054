using System.CommandLine;
using EventEndpoints = Marsad.Server.Features.EventEndpoints;
using Marsad.Store;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad events [--type T] [--country ISO] [--actor NAME] [--from D] [--to D]</c>: merged events of
/// the archive (one per real event, reports of it across documents as its sources).
/// </summary>
public static class EventsCommand
{
    /// <summary>The filter options shared with <c>indicators</c> and <c>export events</c>.</summary>
    public sealed record Filters(Option<string?> Type, Option<string?> Country, Option<string?> Actor, Option<string?> From, Option<string?> To, Option<int> Window)
    {
        public static Filters Create() => new(
            new Option<string?>("--type") { Description = "A PLOVER type (CONSULT, ASSAULT …)." },
            new Option<string?>("--country") { Description = "The event's country: ISO 3166 code (YE, YEM) or name (Yemen, اليمن)." },
            new Option<string?>("--actor") { Description = "An actor's name (part of it) or key." },
            new Option<string?>("--from") { Description = "First day: YYYY, YYYY-MM or YYYY-MM-DD." },
            new Option<string?>("--to") { Description = "Last day: YYYY, YYYY-MM or YYYY-MM-DD." },
            new Option<int>("--window") { Description = "Days apart reports of one event may be.", DefaultValueFactory = _ => EventStore.DefaultWindowDays });

        public void AddTo(Command c)
        {
            c.Options.Add(Type);
            c.Options.Add(Country);
            c.Options.Add(Actor);
            c.Options.Add(From);
            c.Options.Add(To);
            c.Options.Add(Window);
        }

        /// <summary>The filters, checked as the API checks them: a PLOVER type, a known country (code or name), dates in order.</summary>
        public MergedEventFilter Read(ParseResult r)
        {
            string? type = r.GetValue(Type) is { } t && !string.IsNullOrWhiteSpace(t)
                ? EventEndpoints.Types.FirstOrDefault(x => string.Equals(x, t.Trim(), StringComparison.OrdinalIgnoreCase))
                  ?? throw new Ingest.InputException("--type", $"'{t}' is not a PLOVER type (one of {string.Join(", ", EventEndpoints.Types)})")
                : null;
            string? country = r.GetValue(Country) is { } c && !string.IsNullOrWhiteSpace(c)
                ? Countries.Resolve(c) ?? throw new Ingest.InputException("--country", $"'{c}' is not a country (an ISO code such as YE or YEM, or a name: Yemen, اليمن)")
                : null;
            var from = ArchiveOptions.ParseDate(r.GetValue(From), end: false, "--from");
            var to = ArchiveOptions.ParseDate(r.GetValue(To), end: true, "--to");
            if (from > to) throw new Ingest.InputException("--from", "is after --to");
            string? actor = r.GetValue(Actor)?.Trim();
            return new(type, country, actor is { Length: > 0 } ? actor : null, from, to, WindowDays: WindowOf(r));
        }

        public int WindowOf(ParseResult r)
        {
            int window = r.GetValue(Window);
            if (window is < 0 or > 60) throw new Ingest.InputException("--window", "must be between 0 and 60 days");
            return window;
        }
    }

    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var filters = Filters.Create();
        var limit = new Option<int>("--limit") { Description = "At most this many events (newest first).", DefaultValueFactory = _ => 50 };
        var cmd = new Command("events", "List merged events (one per real event) with their sources.") { data, limit };
        filters.AddTo(cmd);
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            int n = Math.Max(1, r.GetValue(limit));
            var filter = filters.Read(r);
            using var store = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            var (count, reports) = store.CountEvents(filter);
            var events = store.LoadEvents(filter, withSources: true, newest: n);
            Console.Out.WriteLine($"{count} events from {reports} reports");
            foreach (var e in events.Reverse())
            {
                string place = e.LocationName is null ? "-" : $"{e.LocationName}{(e.Country is null ? "" : $" ({e.Country})")}";
                Console.Out.WriteLine($"{e.Id} {e.Date} {e.Type}{(e.Mode is null ? "" : "/" + e.Mode)} actors [{string.Join(", ", e.ActorNames)}]"
                    + (e.TargetNames.Count > 0 ? $" targets [{string.Join(", ", e.TargetNames)}]" : "")
                    + $" at {place}" + (e.GeoPrecision is "sentence" or "document" ? $" ({e.GeoPrecision})" : "")
                    + (e.Fatalities is > 0 ? $" fatalities {e.Fatalities}" : "") + $" · {e.Reports} report(s) in {e.Documents} document(s)");
                foreach (var s in e.Sources)
                    Console.Out.WriteLine($"    {s.DocumentId} «{s.Trigger}» {s.Title}");
            }
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
