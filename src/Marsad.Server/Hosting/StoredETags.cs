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

    /// <summary>
    /// Answers of the cached read endpoints (<see cref="StoreResponseCache"/>) get a weak ETag naming the archive's
    /// stamp (read once per request, shared with the cache key), Marsad's version and the exact target: the same
    /// until an ingest changes the archive. A request whose If-None-Match holds it is answered 304 before the
    /// store or the cache is asked anything more.
    /// </summary>
    public static IApplicationBuilder UseArchiveETags(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!StoreResponseCache.IsCached(context.Request)) return next(context);
        var stamp = StoreResponseCache.Stamp(context);
        var target = context.Request.Path.Value + context.Request.QueryString.Value;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(target)))[..16];
        string tag = $"W/\"{stamp.LastSeq}.{stamp.Count}-{Version}-{hash}\"";
        foreach (var sent in context.Request.Headers.IfNoneMatch)
            if (sent is not null && sent.Split(',').Any(t => t.Trim() is var x && (x == tag || "W/" + x == tag)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.Headers.ETag = tag;
                return Task.CompletedTask;
            }
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                context.Response.Headers.ETag = tag;
                context.Response.Headers.CacheControl = "no-cache"; // revalidate with the ETag each time
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

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
