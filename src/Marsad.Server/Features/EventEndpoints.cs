using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/events?type=&amp;country=&amp;actor=&amp;from=&amp;to=&amp;page=</c>: merged events (as <c>marsad events</c> lists them), newest first.</summary>
public static class EventEndpoints
{
    /// <summary>PLOVER event types (the contract's list).</summary>
    public static readonly string[] Types =
        ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"];

    public const int PageSize = 50;

    public static void MapEvents(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", List)
            .AllowQuery("type", "country", "actor", "from", "to", "page")
            .WithName("ListEvents")
            .WithSummary("Merged events (one per real event, every report of it as a source: document, title, trigger and sentence with their spans), newest first; filter by PLOVER type, country (ISO code or name), actor (entity id or name) and date range.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static Results<Ok<EventsResponse>, ProblemHttpResult> List(
        HttpContext context, IArchive archive, string? type, string? country, string? actor, string? from, string? to, string? page)
    {
        var v = new Checks();
        var query = Filter(v, type, country, actor, from, to, page);
        if (v.Problem is { } problem) return problem;
        try
        {
            return TypedResults.Ok(archive.Events(query));
        }
        catch (EventsPendingException pending)
        {
            return Problems.Pending(context, pending.Message);
        }
    }

    /// <summary>The event filters, shared with <c>/api/indicators</c>.</summary>
    internal static EventQuery Filter(Checks v, string? type, string? country, string? actor, string? from, string? to, string? page)
    {
        var t = v.OneOf(type, "type", Types);
        var c = v.OptionalText(country, "country", 100);
        var a = v.OptionalText(actor, "actor", Validate.MaxFilterChars);
        var f = v.Date(from, "from", end: false);
        var u = v.Date(to, "to", end: true);
        var p = v.Int(page, "page", 1, Validate.MaxPage, 1);
        v.Range(f, u);
        return new EventQuery(t, c, a, f, u, p, PageSize);
    }
}
