using System.Reflection;

namespace Marsad.Server.Hosting;

/// <summary>
/// ETags of stored resources. A document's id is a hash of its text and a stored document never
/// changes, so the id and the version of Marsad (which may analyse it differently) name one response
/// exactly: a client that sends it back in If-None-Match gets 304 Not Modified.
/// </summary>
internal static class StoredETags
{
    // A short stable form of the version (string.GetHashCode differs in every process).
    private static readonly string Version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        typeof(StoredETags).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0")))[..8];

    public static RouteHandlerBuilder WithStoredETag(this RouteHandlerBuilder builder, string routeValue) => builder.AddEndpointFilter(async (context, next) =>
    {
        var result = await next(context);
        var http = context.HttpContext;
        // Results<Ok<T>, ProblemHttpResult> wraps the result that was chosen.
        var chosen = result is INestedHttpResult nested ? nested.Result : result;
        // A content result leaves its status unset: 200.
        if (chosen is not IStatusCodeHttpResult sc || (sc.StatusCode ?? StatusCodes.Status200OK) != StatusCodes.Status200OK || http.Request.RouteValues[routeValue] is not string id)
            return result;
        string tag = $"\"{id}-{Version}\"";
        http.Response.Headers.ETag = tag;
        http.Response.Headers.CacheControl = "no-cache"; // revalidate with the ETag each time
        foreach (var sent in http.Request.Headers.IfNoneMatch)
            if (sent is not null && (sent == "*" || sent.Split(',').Any(t => t.Trim().TrimStart('W', '/') == tag)))
                return Results.StatusCode(StatusCodes.Status304NotModified);
        return result;
    });
}
