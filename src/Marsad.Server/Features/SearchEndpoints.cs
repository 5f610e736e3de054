using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marsad.Server.Hosting;
using Marsad.Store.Export;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary><c>GET /api/search</c>: full-text search with highlights and facets, as JSON, CSV or JSON Lines.</summary>
public static class SearchEndpoints
{
    public const int PageSize = 10;
    public const int MaxSize = 100;

    public static readonly string[] Sorts = ["relevance", "date"];
    public static readonly string[] Formats = ["json", "csv", "jsonl"];

    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        api.MapGet("/search", Search)
            .AllowQuery("q", "from", "to", "source", "category", "entity", "page", "size", "sort", "cursor", "format")
            .WithName("Search")
            .WithSummary("Search the archive: Arabic-aware full text, filters by date, source, category and entity; highlights and facets.")
            .WithDescription("q: Lucene syntax (words all required, \"phrases\", OR, -word, title:word); empty lists every document, newest first. "
                + "size: hits per page (1-100, default 10); sort: relevance (default) or date (newest first); cursor: the next_cursor of the previous page. "
                + "format: json (default), csv (id, title, published, source, category, score, url, snippet) or jsonl (one hit per line).")
            .Produces<SearchResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    internal static IResult Search(
        HttpContext context, IArchive archive, string? q, string? from, string? to, string? source, string? category, string? entity, string? page,
        string? size, string? sort, string? cursor, string? format)
    {
        var v = new Checks();
        var text = v.Text(q, "q", Validate.MaxQueryChars);
        var fromDate = v.Date(from, "from", end: false);
        var toDate = v.Date(to, "to", end: true);
        var src = v.OptionalText(source, "source", Validate.MaxFilterChars);
        var cat = v.OptionalText(category, "category", Validate.MaxFilterChars);
        var ent = v.OptionalText(entity, "entity", Validate.MaxFilterChars);
        var pageNo = v.Int(page, "page", 1, Validate.MaxPage, 1);
        var pageSize = v.Int(size, "size", 1, MaxSize, PageSize);
        var order = v.OneOf(sort, "sort", Sorts) ?? "relevance";
        var shape = v.OneOf(format, "format", Formats) ?? "json";
        v.Range(fromDate, toDate);
        if (ent is not null) v.Add(Validate.EntityId(ent));
        if (v.Problem is { } problem) return problem;
        var query = new SearchQuery(text, fromDate, toDate, src, cat, ent, pageNo, pageSize, order == "date");
        if (cursor is not null)
        {
            if (SearchCursor.Decode(cursor, query) is not int offset) return Problems.BadRequest("'cursor' is not the next_cursor of this search (same q, filters, size and sort).");
            query = query with { Offset = offset };
        }
        SearchResponse result;
        try
        {
            result = archive.Search(query, context.RequestAborted);
            if (result.IndexBehind) StoreResponseCache.DoNotStore(context);
        }
        catch (Store.Index.SearchTimeoutException e)
        {
            return Problems.Pending(context, e.Message, seconds: 5, title: "Search too costly");
        }
        catch (Store.Index.SearchRefusedException e)
        {
            return Problems.BadRequest(e.Message);
        }
        return shape switch
        {
            "csv" => Download.Text("text/csv; charset=utf-8", "search.csv", w => WriteCsv(w, result)),
            "jsonl" => Download.Text("application/x-ndjson; charset=utf-8", "search.jsonl", w => WriteJsonl(w, result)),
            _ => TypedResults.Ok(result),
        };
    }

    private static string Plain(IReadOnlyList<TextSegment> snippet) => string.Concat(snippet.Select(s => s.Text));

    private static void WriteCsv(TextWriter w, SearchResponse r)
    {
        using var csv = CsvCells.Writer(w);
        csv.WriteHeader(["id", "title", "published", "source", "category", "score", "snippet"]);
        foreach (var h in r.Hits)
        {
            csv.WriteText(h.Id);
            csv.WriteText(h.Title);
            csv.WriteText(h.Published);
            csv.WriteText(h.Source);
            csv.WriteText(h.Category);
            csv.WriteNumber(h.Score);
            csv.WriteText(Plain(h.Snippet));
            csv.EndRecord();
        }
    }

    private static void WriteJsonl(TextWriter w, SearchResponse r)
    {
        foreach (var h in r.Hits)
        {
            w.Write(JsonSerializer.Serialize(new { h.Id, h.Title, h.Published, h.Source, h.Category, h.Score, Snippet = Plain(h.Snippet) }, PloverJson.Json));
            w.Write('\n');
        }
    }
}

/// <summary>
/// The cursor of a search: where the next page starts, bound to the query it was made for (a hash of q,
/// filters, size and sort), so a cursor is never applied to another search.
/// </summary>
internal static class SearchCursor
{
    private static string Bind(SearchQuery q) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001F', q.Text, q.From, q.To, q.Source, q.Category, q.Entity, q.PageSize, q.SortByDate))))[..12];

    public static string Encode(SearchQuery q, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset}|{Bind(q)}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static int? Decode(string text, SearchQuery q)
    {
        try
        {
            var b64 = text.Trim().Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
            return parts.Length == 2 && parts[1] == Bind(q) && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int offset)
                   && offset is >= 0 and < Store.Index.QueryLimits.MaxResults ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
