using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/entities?q=&amp;type=</c> and <c>GET /api/entities/{id}</c>.</summary>
public static class EntityEndpoints
{
    public static readonly string[] Types = ["PER", "ORG", "LOC"];

    public static void MapEntities(this IEndpointRouteBuilder api)
    {
        api.MapGet("/entities", List)
            .AllowQuery("q", "type", "limit")
            .WithName("ListEntities")
            .WithSummary("Entities in the archive, most mentioned first; q matches names (Arabic-normalised) and English names.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/entities/{id}", Get)
            .AllowQuery("documents_page", "events_page")
            .WithName("GetEntity")
            .WithSummary("One entity: a page of the documents that mention it, co-occurring entities, and a page of the events it takes part in (documents_page, events_page; 50 each).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static Results<Ok<EntitiesResponse>, ProblemHttpResult> List(IArchive archive, string? q, string? type, string? limit)
    {
        var v = new Checks();
        var text = v.Text(q, "q", Validate.MaxFilterChars);
        var t = v.OneOf(type, "type", Types);
        var max = v.Int(limit, "limit", 1, 500, 100);
        if (v.Problem is { } problem) return problem;
        return TypedResults.Ok(archive.Entities(text, t, max));
    }

    internal static Results<Ok<EntityDetail>, ProblemHttpResult> Get(HttpContext context, IArchive archive, string id,
        string? documents_page, string? events_page)
    {
        if (Validate.EntityId(id) is { } problem) return problem;
        var v = new Checks();
        var docs = v.Int(documents_page, "documents_page", 1, Validate.MaxPage, 1);
        var events = v.Int(events_page, "events_page", 1, Validate.MaxPage, 1);
        if (v.Problem is { } bad) return bad;
        try
        {
            return archive.GetEntity(id, docs, events) is { } e ? TypedResults.Ok(e) : Problems.NotFound($"No entity '{id}'.");
        }
        catch (Store.EventsPendingException pending)
        {
            return Problems.Pending(context, pending.Message);
        }
    }
}
