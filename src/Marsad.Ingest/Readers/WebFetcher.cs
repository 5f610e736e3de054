using System.Net;
using System.Net.Sockets;

namespace Marsad.Ingest;

/// <summary>
/// Downloads a page or a feed with a timeout and a size cap, and turns network failures into an
/// <see cref="InputException"/> that says what happened (offline, DNS, HTTP status, too large).
/// </summary>
public static class WebFetcher
{
    private static readonly Lazy<HttpClient> Client = new(() =>
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Redirects are followed here, one by one, so each target is checked (never file:// or ftp://).
            AllowAutoRedirect = false,
        };
        var c = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        c.DefaultRequestHeaders.UserAgent.ParseAdd("Marsad/0.1 (+https://github.com/marsad)");
        c.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5");
        return c;
    });

    private const int MaxRedirects = 5;

    private static string Clip(string s) => s.Length <= 120 ? s : s[..120] + "…";

    public static bool IsUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    /// <summary>The body (at most <paramref name="maxBytes"/>) and the content type.</summary>
    public static async Task<(byte[] Body, string? ContentType)> FetchAsync(string url, ReaderOptions options, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.HttpTimeout);
        try
        {
            var target = new Uri(url);
            var resp = await Client.Value.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            for (int hops = 0; (int)resp.StatusCode is >= 300 and < 400 && resp.Headers.Location is { } location; hops++)
            {
                resp.Dispose();
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    throw new InputException(url, $"redirects to {Clip(next.OriginalString)}; only http(s) redirects are followed");
                if (hops >= MaxRedirects) throw new InputException(url, $"more than {MaxRedirects} redirects");
                target = next;
                resp = await Client.Value.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            }
            using var _ = resp;
            if (!resp.IsSuccessStatusCode)
                throw new InputException(url, $"HTTP {(int)resp.StatusCode} {resp.ReasonPhrase}");
            long max = options.MaxDownloadBytes;
            if (resp.Content.Headers.ContentLength is long len && len > max)
                throw new InputException(url, $"too large ({len / (1024 * 1024)} MiB; the limit is {max / (1024 * 1024)} MiB)");
            await using var s = await resp.Content.ReadAsStreamAsync(cts.Token);
            using var ms = new MemoryStream();
            var buf = new byte[81920];
            int n;
            while ((n = await s.ReadAsync(buf, cts.Token)) > 0)
            {
                if (ms.Length + n > max) throw new InputException(url, $"too large (over {max / (1024 * 1024)} MiB)");
                ms.Write(buf, 0, n);
            }
            if (ms.Length == 0) throw new InputException(url, "empty response");
            return (ms.ToArray(), resp.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InputException(url, $"no answer within {options.HttpTimeout.TotalSeconds:0} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            string why = e.InnerException switch
            {
                SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => "host not found (offline, or no DNS?)",
                SocketException se => $"cannot connect ({se.SocketErrorCode}; offline?)",
                _ => $"download failed: {e.Message} (offline?)",
            };
            throw new InputException(url, why, inner: e);
        }
    }
}
