namespace Marsad.Server.Hosting;

/// <summary>
/// Headers on every response. The page runs only its own scripts and styles (no inline script, no
/// eval, no third-party origin), so article text that slipped into markup could not run anyway.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Set when the response starts, not when the request arrives: the exception handler clears the
    /// headers before it writes a 500, and the 500 must carry them too.
    /// </summary>
    // allowCrossOrigin: CORS is on (--cors), API responses may be read by the allowed origins' pages.
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool allowCrossOrigin = false) => app.Use((context, next) =>
    {
        context.Response.OnStarting(allowCrossOrigin ? SetCrossOrigin : SetSameOrigin, context);
        return next(context);
    });

    private static readonly Func<object, Task> SetSameOrigin = static state => { Set((HttpContext)state, false); return Task.CompletedTask; };
    private static readonly Func<object, Task> SetCrossOrigin = static state => { Set((HttpContext)state, true); return Task.CompletedTask; };

    private static void Set(HttpContext context, bool allowCrossOrigin)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        // With --cors the API's answers may be embedded by the allowed pages (CORS still decides who reads them).
        h["Cross-Origin-Resource-Policy"] = allowCrossOrigin && context.Request.Path.StartsWithSegments("/api") ? "cross-origin" : "same-origin";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
    }
}
