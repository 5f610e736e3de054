using System.CommandLine;
using Marsad.Store.Events;

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
            new Option<string?>("--country") { Description = "ISO 3166 code of the event's country (MA, SY …)." },
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

        public MergedEventFilter Read(ParseResult r) => new(
            r.GetValue(Type)?.Trim().ToUpperInvariant(), r.GetValue(Country)?.Trim().ToUpperInvariant(), r.GetValue(Actor)?.Trim(),
            ArchiveOptions.ParseDate(r.GetValue(From), end: false, "--from"), ArchiveOptions.ParseDate(r.GetValue(To), end: true, "--to"));

        /// <summary>
        /// The archive's stored merged events passing the filters (merged at ingest; merged again here
        /// only for another --window or an archive changed since), with their sources when asked.
        /// </summary>
        public List<MergedEvent> Load(ParseResult r, string dataDir, bool withSources = false) =>
            Load(r, dataDir, withSources ? list => list : null);

        /// <summary>As <see cref="Load(ParseResult, string, bool)"/>; sources are loaded for the events <paramref name="pickSources"/> returns.</summary>
        public List<MergedEvent> Load(ParseResult r, string dataDir, Func<List<MergedEvent>, IReadOnlyList<MergedEvent>>? pickSources, int? newest = null)
        {
            var store = Store(dataDir);
            var list = store.Load(Read(r), WindowOf(r), newest);
            if (pickSources is not null) store.LoadSources(pickSources(list));
            return list;
        }

        /// <summary>Indicator rows computed over the stored merged events, with the events and reports counted.</summary>
        public (List<IndicatorRow> Rows, int Events, long Reports) Indicators(ParseResult r, string dataDir, string by)
        {
            return Store(dataDir).Indicators(Read(r), by, WindowOf(r));
        }

        /// <summary>How many events pass the filters and how many reports they merge.</summary>
        public (int Events, long Reports) Count(ParseResult r, string dataDir)
        {
            return Store(dataDir).Count(Read(r), WindowOf(r));
        }

        /// <summary>The archive's event tables only: the search index is not opened.</summary>
        private static EventStore Store(string dataDir)
        {
            if (!File.Exists(Path.Combine(dataDir, "marsad.db")))
                throw new Ingest.InputException(dataDir, "no archive here (run `marsad ingest PATH --data " + dataDir + "` first)");
            return EventStore.OpenData(dataDir);
        }

        private int WindowOf(ParseResult r)
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
            var (count, reports) = filters.Count(r, r.GetValue(data)!);
            var events = filters.Load(r, r.GetValue(data)!, list => list, newest: n);
            Console.Out.WriteLine($"{count} events from {reports} reports");
            foreach (var e in events.AsEnumerable().Reverse())
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
