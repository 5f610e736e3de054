using System.Net;

namespace Marsad.Server.Hosting;

/// <summary>
/// Requests the server answers at all. Only the host names it listens on (a page on another site
/// that rebinds its DNS name to 127.0.0.1 sends its own name as Host: DNS rebinding), and writes
/// only from the same origin: a form on another site can POST text/plain without a preflight, so a
/// browser's write must be same-origin and JSON (which a cross-site page cannot send without CORS).
/// </summary>
internal static class RequestGuards
{
    /// <summary>
    /// The host names of <paramref name="urls"/>; a loopback address also allows <c>localhost</c>,
    /// <c>127.0.0.1</c> and <c>[::1]</c>. A wildcard address (0.0.0.0, [::], *, +) allows any host
    /// unless <paramref name="extra"/> lists them. Returns null for "any host".
    /// </summary>
    public static HashSet<string>? AllowedHosts(string urls, IEnumerable<string> extra)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool any = false;
        foreach (var u in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Uri refuses the wildcards Kestrel takes: name them first.
            var hostPart = u.Split("://", 2)[^1].Split('/', 2)[0];
            string host = hostPart.StartsWith('[') ? hostPart[..(hostPart.IndexOf(']') + 1)] : hostPart.Split(':')[0];
            if (host is "*" or "+" or "0.0.0.0" or "[::]") { any = true; continue; }
            hosts.Add(host);
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
            {
                hosts.Add("localhost");
                hosts.Add("127.0.0.1");
                hosts.Add("[::1]");
            }
        }
        foreach (var h in extra) hosts.Add(h.Trim());
        return any && !extra.Any() ? null : hosts;
    }

    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app, HashSet<string>? allowedHosts) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (allowedHosts is not null && !allowedHosts.Contains(request.Host.Host.Contains(':') ? $"[{request.Host.Host}]" : request.Host.Host))
            return Refuse(context, StatusCodes.Status400BadRequest, "Host not allowed",
                $"This server does not answer for host '{Clip(request.Host.Value ?? "")}'; use one of: {string.Join(", ", allowedHosts.Order(StringComparer.Ordinal))}.");
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && CrossSite(request) is { } why)
            return Refuse(context, StatusCodes.Status403Forbidden, "Cross-site write refused", why);
        return next(context);
    });

    /// <summary>Why a write is refused as coming from another site, or null when it may go on.</summary>
    internal static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        bool browser = site.Length > 0 || origin.Length > 0;
        if (!browser) return null; // curl, scripts, the CLI: no ambient credentials to abuse
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return $"Writes are accepted from this server's own page only (Sec-Fetch-Site: {Clip(site)}).";
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            return $"Writes are accepted from this server's own page only (Origin: {Clip(origin)}).";
        var media = request.ContentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase))
            return "A write from a browser must be sent as application/json.";
        return null;
    }

    private static Task Refuse(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
