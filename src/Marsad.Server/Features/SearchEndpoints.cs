using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/search</c>: full-text search with highlights and facets.</summary>
public static class SearchEndpoints
{
    public const int PageSize = 10;

    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGet("/search", Search)
            .AllowQuery("q", "from", "to", "source", "category", "entity", "page")
            .WithName("Search")
            .WithSummary("Search the archive: Arabic-aware full text, filters by date, source, category and entity; highlights and facets.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    internal static Results<Ok<SearchResponse>, ProblemHttpResult> Search(
        HttpContext context, IArchive archive, string? q, string? from, string? to, string? source, string? category, string? entity, string? page)
    {
        var v = new Checks();
        var text = v.Text(q, "q", Validate.MaxQueryChars);
        var fromDate = v.Date(from, "from", end: false);
        var toDate = v.Date(to, "to", end: true);
        var src = v.OptionalText(source, "source", Validate.MaxFilterChars);
        var cat = v.OptionalText(category, "category", Validate.MaxFilterChars);
        var ent = v.OptionalText(entity, "entity", Validate.MaxFilterChars);
        var pageNo = v.Int(page, "page", 1, Validate.MaxPage, 1);
        v.Range(fromDate, toDate);
        if (ent is not null) v.Add(Validate.EntityId(ent));
        if (v.Problem is { } problem) return problem;
        try
        {
            return TypedResults.Ok(archive.Search(new SearchQuery(text, fromDate, toDate, src, cat, ent, pageNo, PageSize), context.RequestAborted));
        }
        catch (Store.Index.SearchTimeoutException e)
        {
            return Problems.Pending(context, e.Message, seconds: 5, title: "Search too costly");
        }
        catch (Store.Index.SearchRefusedException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }
}
