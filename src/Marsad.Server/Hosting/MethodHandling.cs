using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Marsad.Server.Hosting;

/// <summary>
/// HEAD and wrong-method requests. A HEAD request is routed as a GET and answered with the GET's
/// status and headers but no body (so every GET endpoint, the API and the page alike, answers HEAD
/// the same way). A method a path does not take (GET on <c>POST /api/documents</c>, DELETE on a
/// document) gets 405 with an <c>Allow</c> header listing the ones it does take.
/// </summary>
internal static class MethodHandling
{
    private const string HeadKey = "marsad.head";

    /// <summary>Runs before routing: a HEAD request continues as a GET whose body goes nowhere.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method)) return next(context);
        context.Request.Method = HttpMethods.Get;
        context.Items[HeadKey] = true;
        // Kestrel drops a HEAD response's body by itself; this also covers other servers (TestServer).
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        context.Response.OnStarting(() =>
        {
            context.Request.Method = HttpMethods.Head;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// The methods the app's endpoints accept at <paramref name="path"/> (GET implies HEAD), or an
    /// empty list when no endpoint has that path.
    /// </summary>
    public static IReadOnlyList<string> AllowedMethods(EndpointDataSource endpoints, PathString path)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in endpoints.Endpoints)
        {
            if (e is not RouteEndpoint { RoutePattern: var pattern } route || route.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods) continue;
            // Catch-all fallbacks match everything and say nothing about a path.
            if (pattern.Parameters.Any(p => p.IsCatchAll) && route.DisplayName?.Contains("Fallback", StringComparison.OrdinalIgnoreCase) == true) continue;
            if (!Matches(pattern, path)) continue;
            foreach (var m in methods.HttpMethods)
            {
                allowed.Add(m);
                if (m == HttpMethods.Get) allowed.Add(HttpMethods.Head);
            }
        }
        return [.. allowed];
    }

    private static bool Matches(RoutePattern pattern, PathString path)
    {
        var matcher = new TemplateMatcher(TemplateParser.Parse(pattern.RawText ?? "/"), new RouteValueDictionary());
        return matcher.TryMatch(path, new RouteValueDictionary());
    }

    /// <summary>405 with Allow when the path exists for other methods; otherwise null.</summary>
    public static IResult? MethodNotAllowed(HttpContext context)
    {
        var method = context.Items.ContainsKey(HeadKey) ? HttpMethods.Head : context.Request.Method;
        var allowed = AllowedMethods(context.RequestServices.GetRequiredService<EndpointDataSource>(), context.Request.Path);
        if (allowed.Count == 0 || allowed.Contains(method)) return null;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return TypedResults.Problem(
            detail: $"{method} is not accepted here; use {string.Join(" or ", allowed)}.",
            statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed");
    }
}
