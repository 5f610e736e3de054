using Marsad.Server.Hosting;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Server.Features;

/// <summary>
/// <c>GET /api/events?type=&amp;country=&amp;actor=&amp;from=&amp;to=&amp;page=&amp;size=&amp;sort=&amp;cursor=&amp;updated_since=&amp;format=</c>:
/// merged events (as <c>marsad events</c> lists them), newest first, as JSON or an export format.
/// </summary>
public static class EventEndpoints
{
    /// <summary>PLOVER event types (the contract's list).</summary>
    public static readonly string[] Types =
        ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"];

    public const int PageSize = 50;
    /// <summary>Most events of one JSON page, and of one export (csv, jsonl, plover).</summary>
    public const int MaxSize = 1000, MaxExport = 100_000;

    public static readonly string[] Sorts = ["date", "date_asc"];
    public static readonly string[] Formats = ["json", "csv", "jsonl", "plover"];

    public static void MapEvents(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", List)
            .AllowQuery("type", "country", "actor", "from", "to", "page", "size", "sort", "cursor", "updated_since", "format")
            .WithName("ListEvents")
            .WithSummary("Merged events (one per real event, every report of it as a source: document, title, trigger and sentence with their spans), newest first; filter by PLOVER type, country (ISO code or name), actor (entity id or name) and date range.")
            .WithDescription("size: events per page (1-1000, default 50; exports up to 100000, default all); sort: date (newest first, default) or date_asc; "
                + "cursor: the next_cursor of the previous page (search-after: pages do not shift as events are added); "
                + "updated_since: ISO 8601 time or Unix seconds, only events added or changed since then, and `deleted` lists the ids merged or deleted since; "
                + "format: json (default), csv (ACLED's 31 columns), jsonl (Marsad's events) or plover (PLOVER JSON Lines). Fields: docs/export.md.")
            .Produces<EventsResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static IResult List(
        HttpContext context, IArchive archive, string? type, string? country, string? actor, string? from, string? to, string? page,
        string? size, string? sort, string? cursor, string? updated_since, string? format)
    {
        var v = new Checks();
        var shape = v.OneOf(format, "format", Formats) ?? "json";
        var query = Filter(v, type, country, actor, from, to, page);
        bool export = shape != "json";
        int pageSize = v.Int(size, "size", 1, export ? MaxExport : MaxSize, export ? MaxExport : PageSize);
        bool newest = (v.OneOf(sort, "sort", Sorts) ?? "date") == "date";
        EventCursor? after = null;
        if (cursor is not null && (after = EventCursor.Decode(cursor.Trim())) is null)
            v.Add(Problems.BadRequest("'cursor' is not a next_cursor of /api/events."));
        DateTimeOffset? since = null;
        if (!string.IsNullOrWhiteSpace(updated_since) && (since = EventStore.ParseSince(updated_since)) is null)
            v.Add(Problems.BadRequest("'updated_since' must be an ISO 8601 time (2024-05-01T10:00:00Z) or Unix seconds."));
        if (v.Problem is { } problem) return problem;
        query = query with { PageSize = pageSize, NewestFirst = newest, Cursor = after, UpdatedSince = since };
        try
        {
            return shape switch
            {
                "csv" => Download.Text("text/csv; charset=utf-8", "events-acled.csv", w => archive.ExportEvents(query, "acled-csv", w)),
                "jsonl" => Download.Text("application/x-ndjson; charset=utf-8", "events.jsonl", w => archive.ExportEvents(query, "jsonl", w)),
                "plover" => Download.Text("application/x-ndjson; charset=utf-8", "events-plover.jsonl", w => archive.ExportEvents(query, "plover", w)),
                _ => TypedResults.Ok(archive.Events(query)),
            };
        }
        catch (Store.EventsPendingException pending)
        {
            return Problems.Pending(context, pending.Message);
        }
    }

    /// <summary>The event filters, shared with <c>/api/indicators</c>.</summary>
    internal static EventQuery Filter(Checks v, string? type, string? country, string? actor, string? from, string? to, string? page)
    {
        var t = v.OneOf(type, "type", Types);
        var c = v.OptionalText(country, "country", 100);
        if (c is not null)
        {
            // The same names as the CLI: YE, YEM, Yemen, اليمن.
            var code = Countries.Resolve(c);
            if (code is null) v.Add(Problems.BadRequest($"'country' must be a country: an ISO 3166 code (YE, YEM) or a name (Yemen, اليمن)."));
            c = code;
        }
        var a = v.OptionalText(actor, "actor", Validate.MaxFilterChars);
        var f = v.Date(from, "from", end: false);
        var u = v.Date(to, "to", end: true);
        var p = v.Int(page, "page", 1, Validate.MaxPage, 1);
        v.Range(f, u);
        return new EventQuery(t, c, a, f, u, p, PageSize);
    }
}
