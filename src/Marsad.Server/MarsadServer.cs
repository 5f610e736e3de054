using System.Net;
using System.Text.Json;
using Marsad.Server.Features;
using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marsad.Server;

/// <summary>The HTTP host: JSON API under /api, the web page under /, OpenAPI at /openapi/v1.json.</summary>
public static class MarsadServer
{
    /// <summary>
    /// Builds the app for <c>marsad serve</c> and the tests. <paramref name="configure"/> runs last
    /// on the builder (tests call <c>UseTestServer()</c> there).
    /// </summary>
    public static WebApplication BuildApp(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = CheckUrls(options.Urls, options.AllowRemote);
        Directory.CreateDirectory(options.DataDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Production always: no developer exception page, whatever ASPNETCORE_ENVIRONMENT says.
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(MarsadServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Without --verbose only failures are logged (a 500 names its exception in the log, never in the response).
        if (!options.Verbose) builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.Limits.MaxRequestLineSize = 16 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            j.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });
        builder.Services.AddProblemDetails(p => p.CustomizeProblemDetails = c =>
        {
            // Error bodies carry status, title, detail and a trace id for the logs: never exception text.
            c.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDescriptions>());
        // gzip and brotli for JSON, CSV and JSON Lines at the fastest levels, each body compressed in one call
        // when it fits (Hosting/WholeBodyCompression.cs: a third of the streaming encoder's CPU on a search answer).
        builder.Services.AddResponseCompression(o =>
        {
            o.Providers.Add<WholeBodyBrotliProvider>();
            o.Providers.Add<WholeBodyGzipProvider>();
            o.MimeTypes = ["application/json", "application/problem+json", "text/csv", "application/x-ndjson", "text/html", "text/css", "text/javascript", "image/svg+xml"];
        });
        var cors = CheckOrigins(options.CorsOrigins);
        if (cors.Length > 0)
            builder.Services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins(cors).WithMethods("GET", "HEAD").AllowAnyHeader()
                .WithExposedHeaders("ETag", "Content-Disposition")));
        if (options.CacheResponses) builder.Services.AddStoreResponseCache();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(WebAssets.Load());
        builder.Services.AddSingleton<IArchive>(_ => StoreArchive.Open(options.DataDirectory));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseSecurityHeaders(allowCrossOrigin: cors.Length > 0);
        app.UseRequestGuards(RequestGuards.AllowedHosts(urls, options.AllowedHosts));
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel's own refusals (body over the limit, malformed request) keep their status code.
            StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseArchiveETags();
        // The answer cache outside compression: it keeps each encoding's compressed body, and a hit is not compressed again.
        if (options.CacheResponses) app.UseOutputCache();
        app.UseResponseCompression();
        app.UseHeadAsGet();
        app.UseRouting(); // after the HEAD rewrite, so HEAD finds the GET endpoints
        if (cors.Length > 0) app.UseCors();

        app.MapOpenApi();
        app.MapWebPage(app.Services.GetRequiredService<WebAssets>());
        var api = app.MapGroup("/api");
        api.MapSearch();
        api.MapDocuments();
        api.MapEntities();
        api.MapEvents();
        api.MapIndicators();
        api.MapFallback((HttpContext context) => MethodHandling.MethodNotAllowed(context) ?? Problems.NotFound("No such API endpoint."))
            .WithDisplayName("API fallback").ExcludeFromDescription();
        return app;
    }

    /// <summary>CORS origins as browsers send them (scheme://host[:port], no path); anything else is refused.</summary>
    public static string[] CheckOrigins(IEnumerable<string> origins) => origins.Select(o =>
    {
        if (o == "*") throw new ArgumentException("--cors needs an origin such as http://localhost:8888, not '*'.");
        if (!Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.AbsolutePath != "/" || u.Query.Length > 0)
            throw new ArgumentException($"--cors '{o}' is not an origin (http://host[:port], e.g. http://localhost:8888).");
        return u.GetLeftPart(UriPartial.Authority);
    }).ToArray();

    /// <summary>Parses the listen addresses; refuses anything but loopback unless allowed.</summary>
    public static string CheckUrls(string urls, bool allowRemote)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new ArgumentException("No address to listen on.");
        foreach (var u in list)
        {
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException($"'{u}' is not an http:// address (e.g. http://127.0.0.1:5080).");
            var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback && !allowRemote)
                throw new ArgumentException($"'{u}' is not a loopback address; the API has no authentication. Pass --allow-remote to listen on it anyway.");
        }
        return string.Join(';', list);
    }
}
