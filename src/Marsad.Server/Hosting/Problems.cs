using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Hosting;

/// <summary>RFC 9457 problem details for every error the API returns; never a stack trace.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>503 for work that is under way (merging events), with Retry-After for the client.</summary>
    public static ProblemHttpResult Pending(HttpContext context, string detail, int seconds = 30, string title = "Not ready yet")
    {
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
    }

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(detail: $"The request body is larger than the limit of {limit} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        TypedResults.Problem(detail: $"Content type '{contentType ?? "(none)"}' is not accepted; send text/plain, text/html or application/json.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
}

/// <summary>
/// Refuses query parameters an endpoint does not know (a misspelt filter would otherwise be
/// silently ignored and the analyst would trust a result that is not filtered), and repeated ones.
/// </summary>
internal sealed class AllowedQueryFilter(params string[] names) : IEndpointFilter
{
    private readonly FrozenSet<string> _names = names.ToFrozenSet(StringComparer.Ordinal);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (key, values) in context.HttpContext.Request.Query)
        {
            if (!_names.Contains(key))
                return ValueTask.FromResult<object?>(Problems.BadRequest(
                    $"Unknown query parameter '{Clip(key)}'. Allowed: {string.Join(", ", _names.Order(StringComparer.Ordinal))}."));
            if (values.Count > 1)
                return ValueTask.FromResult<object?>(Problems.BadRequest($"Query parameter '{key}' is given more than once."));
        }
        return next(context);
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

internal static class AllowedQueryExtensions
{
    public static RouteHandlerBuilder AllowQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.AddEndpointFilter(new AllowedQueryFilter(names));
}
