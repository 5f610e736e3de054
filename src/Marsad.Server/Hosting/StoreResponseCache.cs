using Marsad.Server.Features;
using Marsad.Store;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Marsad.Server.Hosting;

/// <summary>
/// The answer cache of the read endpoints (ASP.NET Core output caching): GET /api/search, /api/entities,
/// /api/entities/{id}, /api/events and /api/indicators. An answer is keyed by its exact path and query
/// string, the Accept-Encoding and Origin it was made for, and the archive's stamp
/// (<see cref="IArchive.Stamp"/>, the change counter), so any ingest, also by another process, changes
/// the key and a stale answer is never served. The cache sits outside response compression, so it keeps
/// the compressed body of each encoding (brotli, gzip or none) and a hit is sent as stored. Only 200
/// answers of at most 1 MB are kept, 64 MB in all, each for 10 minutes.
/// </summary>
internal static class StoreResponseCache
{
    public const long MaxAnswerBytes = 1024 * 1024, MaxBytes = 64 * 1024 * 1024;
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);

    private const string StampKey = "marsad.stamp", DoNotStoreKey = "marsad.no-store";

    private static readonly PathString[] CachedPaths = ["/api/search", "/api/entities", "/api/events", "/api/indicators"];

    public static IServiceCollection AddStoreResponseCache(this IServiceCollection services) => services.AddOutputCache(o =>
    {
        o.SizeLimit = MaxBytes;
        o.MaximumBodySize = MaxAnswerBytes;
        o.DefaultExpirationTimeSpan = Expiry;
        // Entity ids and query values are case-sensitive: /api/entities/X and /api/entities/x are two answers.
        o.UseCaseSensitivePaths = true;
        o.AddBasePolicy(new StampPolicy());
    });

    /// <summary>
    /// The archive's stamp for this request: read once (the first caller reads the store, later ones, the
    /// cache key and the endpoints, share it through <see cref="HttpContext.Items"/>).
    /// </summary>
    public static StoreStamp Stamp(HttpContext context)
    {
        if (context.Items.TryGetValue(StampKey, out var known) && known is StoreStamp s) return s;
        var stamp = context.RequestServices.GetRequiredService<IArchive>().Stamp();
        context.Items[StampKey] = stamp;
        return stamp;
    }

    /// <summary>Keeps this request's answer out of the cache (made from an index that was behind the archive).</summary>
    public static void DoNotStore(HttpContext context) => context.Items[DoNotStoreKey] = true;

    internal static bool IsCached(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && CachedPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.Ordinal));

    private sealed class StampPolicy : IOutputCachePolicy
    {
        private static readonly StringValues VaryHeaders = new(["Accept-Encoding", "Origin"]);

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            // HEAD is left out: it is answered as a GET whose body goes nowhere (MethodHandling), which a cache must not keep.
            bool cached = IsCached(request) && !request.Headers.ContainsKey("Authorization");
            context.EnableOutputCaching = cached;
            context.AllowCacheLookup = cached;
            context.AllowCacheStorage = cached;
            context.AllowLocking = true;
            if (!cached) return ValueTask.CompletedTask;
            var stamp = Stamp(context.HttpContext);
            var vary = context.CacheVaryByRules;
            vary.VaryByValues["stamp"] = $"{stamp.LastSeq}:{stamp.Count}";
            // The exact target as sent (the default key upper-cases and normalises; answers differ by case).
            vary.VaryByValues["target"] = request.Path.Value + request.QueryString.Value;
            vary.QueryKeys = "*";
            vary.HeaderNames = VaryHeaders;
            context.ResponseExpirationTimeSpan = Expiry;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode != StatusCodes.Status200OK || http.Response.Headers.ContainsKey("Set-Cookie") || http.Items.ContainsKey(DoNotStoreKey))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
