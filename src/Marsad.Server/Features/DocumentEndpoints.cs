using System.Text.Json;
using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary>
/// <c>GET /api/documents/{id}</c>, <c>GET /api/documents/{id}/analysis</c> and <c>POST /api/documents</c>
/// (one article as plain text, HTML or JSON).
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocuments(this IEndpointRouteBuilder api)
    {
        api.MapGet("/documents/{id}", Get)
            .AllowQuery()
            .WithName("GetDocument")
            .WithSummary("One stored article: its metadata and untouched text (ETag; If-None-Match answers 304).")
            .WithStoredETag("id")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/documents/{id}/analysis", Analysis)
            .AllowQuery()
            .WithName("GetAnalysis")
            .WithSummary("The marsad.analysis/1 contract object of one stored article (ETag; If-None-Match answers 304).")
            .WithStoredETag("id")
            .Produces<Marsad.Analysis.AnalysisContract>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/documents", Ingest)
            .AllowQuery("source", "url", "category", "outlet")
            .WithName("IngestDocument")
            .WithSummary("Analyse and store one article. Body: text/plain (title line, sub-title, body, dateline), text/html, or application/json {title, subtitle, body, published, source, url, outlet, category, author}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    internal static Results<Ok<DocumentResponse>, ProblemHttpResult> Get(IArchive archive, string id)
    {
        if (Validate.DocumentId(id) is { } problem) return problem;
        return archive.GetDocument(id) is { } doc ? TypedResults.Ok(doc) : Problems.NotFound($"No document '{id}'.");
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Analysis(IArchive archive, string id)
    {
        if (Validate.DocumentId(id) is { } problem) return problem;
        return archive.GetAnalysisJson(id) is { } json
            ? TypedResults.Content(json, "application/json; charset=utf-8")
            : Problems.NotFound($"No document '{id}'.");
    }

    /// <summary>The JSON body of <c>POST /api/documents</c>.</summary>
    public sealed record JsonArticle(
        string? Title, string? Subtitle, string? Body, string? Published, string? Source, string? Url,
        string? Outlet, string? Category, string? Author);

    internal static async Task<Results<Created<IngestResponse>, Ok<IngestResponse>, ProblemHttpResult>> Ingest(
        HttpContext context, IArchive archive, ServerOptions options,
        string? source, string? url, string? category, string? outlet)
    {
        var limit = options.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit) return Problems.TooLarge(limit);
        var kind = MediaKind(request.ContentType);
        if (kind is null) return Problems.UnsupportedMediaType(request.ContentType);
        var v = new Checks();
        var src = v.OptionalText(source, "source", 1000);
        var link = v.OptionalText(url, "url", 2000);
        var cat = v.OptionalText(category, "category", Validate.MaxFilterChars);
        var outl = v.OptionalText(outlet, "outlet", Validate.MaxFilterChars);
        if (v.Problem is { } problem) return problem;

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(context, limit);
        }
        catch (BodyTooLargeException)
        {
            return Problems.TooLarge(limit);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(limit);
        }
        if (bytes.Length == 0) return Problems.BadRequest("The request body is empty.");

        ArticleInput article;
        try
        {
            var origin = src ?? "request body";
            var text = TextDecoder.Decode(bytes, origin, out _);
            article = kind switch
            {
                "json" => FromJson(text, origin),
                "html" => HtmlArticleReader.Parse(text, origin, link, HtmlArticleReader.DefaultParseBudget, context.RequestAborted),
                _ => TextArticleReader.Parse(text, origin),
            };
            article = article with
            {
                Source = src ?? article.Source,
                Url = link ?? article.Url,
                Category = cat ?? article.Category,
                Outlet = outl ?? article.Outlet,
            };
        }
        catch (InputException e)
        {
            return Problems.BadRequest(e.Problem);
        }
        if (string.IsNullOrWhiteSpace(article.Title) || string.IsNullOrWhiteSpace(article.Body))
            return Problems.BadRequest("The article needs a title and a body.");

        IngestResponse stored;
        try
        {
            stored = archive.Ingest(article, context.RequestAborted);
        }
        catch (InputException e)
        {
            return Problems.BadRequest(e.Problem);
        }
        catch (ArchiveBusyException e)
        {
            return TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Archive busy");
        }
        return stored.Created ? TypedResults.Created(stored.Location, stored) : TypedResults.Ok(stored);
    }

    private static string? MediaKind(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return null;
        var media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/plain" => "text",
            "text/html" or "application/xhtml+xml" => "html",
            "application/json" => "json",
            _ => null,
        };
    }

    private static ArticleInput FromJson(string json, string origin)
    {
        JsonArticle? a;
        try
        {
            a = JsonSerializer.Deserialize<JsonArticle>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InputException(origin, $"invalid JSON ({e.Message.Split('.')[0]})");
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses a lone surrogate escape (\ud800) as text.
            throw new InputException(origin, $"invalid text in the JSON ({e.Message.TrimEnd('.')})");
        }
        if (a is null) throw new InputException(origin, "the JSON body must be an object");
        if (string.IsNullOrWhiteSpace(a.Title)) throw new InputException(origin, "the JSON object has no \"title\"");
        if (string.IsNullOrWhiteSpace(a.Body)) throw new InputException(origin, "the JSON object has no \"body\"");
        DateOnly? published = null;
        if (!string.IsNullOrWhiteSpace(a.Published))
        {
            if (Validate.Date(a.Published, "published", end: false, out var d) is not null || a.Published.Trim().Length != 10)
                throw new InputException(origin, "\"published\" must be a date as YYYY-MM-DD");
            published = d;
        }
        return new ArticleInput
        {
            Title = a.Title.Trim(),
            Subtitle = string.IsNullOrWhiteSpace(a.Subtitle) ? null : a.Subtitle.Trim(),
            Body = a.Body,
            Published = published,
            Source = a.Source,
            Url = a.Url,
            Outlet = a.Outlet,
            Category = a.Category,
            Author = a.Author,
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        MaxDepth = 8,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    private sealed class BodyTooLargeException : Exception;

    /// <summary>Reads the body, stopping as soon as it passes the limit (chunked bodies have no length up front).</summary>
    private static async Task<byte[]> ReadLimitedAsync(HttpContext context, long limit)
    {
        // Kestrel enforces its own limit too; this one also holds under TestServer and for chunked uploads.
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + n > limit) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
