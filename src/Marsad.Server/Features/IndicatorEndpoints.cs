using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/indicators?by=type|country|actor|month&amp;from=&amp;to=</c>: event counts.</summary>
public static class IndicatorEndpoints
{
    public static readonly string[] By = ["type", "country", "actor", "month"];

    public static void MapIndicators(this IEndpointRouteBuilder api)
    {
        api.MapGet("/indicators", Get)
            .AllowQuery("by", "from", "to")
            .WithName("Indicators")
            .WithSummary("Event counts grouped by type, country, actor or month.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    internal static Results<Ok<IndicatorsResponse>, ProblemHttpResult> Get(IArchive archive, string? by, string? from, string? to)
    {
        var v = new Checks();
        var group = v.OneOf(by ?? "month", "by", By) ?? "month";
        var f = v.Date(from, "from", end: false);
        var u = v.Date(to, "to", end: true);
        v.Range(f, u);
        if (v.Problem is { } problem) return problem;
        return TypedResults.Ok(archive.Indicators(group, f, u));
    }
}
