using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/indicators?by=type|country|actor|month|place</c> and the event filters: counts of merged events.</summary>
public static class IndicatorEndpoints
{
    public static readonly string[] By = ["type", "country", "actor", "month", "place"];

    public static void MapIndicators(this IEndpointRouteBuilder api)
    {
        api.MapGet("/indicators", Get)
            .AllowQuery("by", "type", "country", "actor", "from", "to")
            .WithName("Indicators")
            .WithSummary("Merged events counted by type, country, actor, month or place (with coordinates), with their fatalities and reports; the same filters as /api/events.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static Results<Ok<IndicatorsResponse>, ProblemHttpResult> Get(
        HttpContext context, IArchive archive, string? by, string? type, string? country, string? actor, string? from, string? to)
    {
        var v = new Checks();
        var group = v.OneOf(by ?? "month", "by", By) ?? "month";
        var filter = EventEndpoints.Filter(v, type, country, actor, from, to, page: null);
        if (v.Problem is { } problem) return problem;
        try
        {
            return TypedResults.Ok(archive.Indicators(group, filter));
        }
        catch (Store.EventsPendingException pending)
        {
            return Problems.Pending(context, pending.Message);
        }
    }
}
