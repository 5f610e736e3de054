using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/events?type=&amp;country=&amp;actor=&amp;from=&amp;to=&amp;page=</c>: coded events, newest first.</summary>
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
            .WithSummary("Events with their actors, place and date; filter by PLOVER type, country (ISO code or name), actor (entity id or name) and date range.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    internal static Results<Ok<EventsResponse>, ProblemHttpResult> List(
        IArchive archive, string? type, string? country, string? actor, string? from, string? to, string? page)
    {
        var v = new Checks();
        var t = v.OneOf(type, "type", Types);
        var c = v.OptionalText(country, "country", 100);
        var a = v.OptionalText(actor, "actor", Validate.MaxFilterChars);
        var f = v.Date(from, "from", end: false);
        var u = v.Date(to, "to", end: true);
        var p = v.Int(page, "page", 1, Validate.MaxPage, 1);
        v.Range(f, u);
        if (v.Problem is { } problem) return problem;
        return TypedResults.Ok(archive.Events(new EventQuery(t, c, a, f, u, p, PageSize)));
    }
}
