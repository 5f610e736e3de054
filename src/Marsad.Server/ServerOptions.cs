namespace Marsad.Server;

/// <summary>How <see cref="MarsadServer.BuildApp"/> sets up the host.</summary>
public sealed record ServerOptions
{
    /// <summary>The archive folder (SQLite + Lucene index). Created when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where Kestrel listens; loopback unless <see cref="AllowRemote"/> is set.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Allow a non-loopback address in <see cref="Urls"/>. The API has no authentication, so this is opt-in.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>
    /// Host names answered besides those of <see cref="Urls"/> (a name the server is reached by behind a
    /// proxy); any other Host header gets 400. Needed with a wildcard address to restrict hosts at all.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Largest request body accepted (POST /api/documents); larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// Origins allowed to read the API from another site's page (a notebook on http://localhost:8888):
    /// GET and HEAD only, no credentials. Empty (the default): no CORS headers, browsers keep other sites out.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>
    /// Keep answers of the read endpoints in memory until the archive changes (Hosting/StoreResponseCache.cs).
    /// On by default; <c>MARSAD_SEARCH_CACHE=off</c> turns it off with the search index's caches.
    /// </summary>
    public bool CacheResponses { get; init; } = Marsad.Store.Index.SearchCaches.On;

    /// <summary>Log requests and host events to the console (off for tests and benchmarks).</summary>
    public bool Verbose { get; init; }

    public const string DefaultUrls = "http://127.0.0.1:5080";
}
