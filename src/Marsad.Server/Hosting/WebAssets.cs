using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Marsad.Server.Hosting;

/// <summary>
/// The web page, embedded in this assembly (wwwroot/**) and served from memory. Requests name a
/// resource in a fixed table, never a path on disk, so nothing outside it can be reached.
/// </summary>
internal sealed class WebAssets
{
    private const string Prefix = "wwwroot/";
    private readonly FrozenDictionary<string, Asset> _assets;

    internal sealed record Asset(string Path, byte[] Content, string ContentType, string ETag);

    private WebAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    public static WebAssets Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var map = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            // MSBuild gives RecursiveDir with the OS separator; URLs use '/'.
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            var bytes = ms.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            map[path] = new Asset(path, bytes, ContentTypeOf(path), etag);
        }
        return new WebAssets(map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public IEnumerable<string> Paths => _assets.Keys;

    public bool TryGet(string path, out Asset asset) => _assets.TryGetValue(path, out asset!);

    public static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };

    /// <summary>Writes one asset, answering 304 when the browser already has this version.</summary>
    public static IResult Serve(HttpContext context, Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: the files are small and change with each build.
        headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}

/// <summary>Routes for the page: "/" is the app shell, "/assets/…" its files.</summary>
internal static class WebAssetEndpoints
{
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapWebPage(this IEndpointRouteBuilder app, WebAssets assets)
    {
        app.MapMethods("/", GetHead, (HttpContext context) =>
                assets.TryGet("index.html", out var index) ? WebAssets.Serve(context, index) : TypedResults.NotFound())
            .ExcludeFromDescription();
        app.MapMethods("/assets/{**path}", GetHead, (HttpContext context, string? path) =>
                path is not null && assets.TryGet(path, out var asset) && !path.EndsWith(".html", StringComparison.Ordinal)
                    ? WebAssets.Serve(context, asset)
                    : Problems.NotFound("No such asset."))
            .ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext context) =>
                assets.TryGet("favicon.svg", out var icon) ? WebAssets.Serve(context, icon) : TypedResults.NotFound())
            .ExcludeFromDescription();
    }
}
