using Npgsql;

namespace Marsad.Store.Postgres;

/// <summary>
/// Reads a store URL <c>postgres://user:password@host:port/database?sslmode=require</c> (also
/// <c>postgresql://</c>) into an Npgsql connection string. Query parameters are Npgsql's
/// connection-string keywords (<c>sslmode</c>, <c>pooling</c>, <c>maximum pool size</c>, …).
/// Statements have no client-side time limit unless the URL gives one (<c>?command timeout=60</c>):
/// Npgsql's default of 30 s cut off <c>marsad check</c> and the merge on a 30,000-document archive, and a
/// search is bounded by its own time budget.
/// </summary>
public static class PostgresUrl
{
    public static bool IsPostgres(string? url) =>
        url is not null && (url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The connection string of <paramref name="url"/>; a clear <see cref="ArgumentException"/> when it is not one.</summary>
    public static string ToConnectionString(string url)
    {
        if (!IsPostgres(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException($"'{Redact(url)}' is not a PostgreSQL URL (postgres://user:password@host:port/database)", nameof(url));
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "marsad",
            CommandTimeout = 0,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]), value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try { b[key] = value; }
            catch (ArgumentException e) { throw new ArgumentException($"'{Redact(url)}': unknown or bad connection parameter '{key}' ({e.Message})", nameof(url), e); }
        }
        return b.ConnectionString;
    }

    /// <summary>The URL with its password replaced by <c>***</c>, for messages and logs.</summary>
    public static string Redact(string url)
    {
        int at = url.IndexOf('@', StringComparison.Ordinal), scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return url;
        int colon = url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
