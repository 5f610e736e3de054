using System.Collections.Concurrent;

namespace Marsad.Store;

/// <summary>
/// Opens an archive by its location: a folder path (the embedded SQLite + Lucene archive, the default), or a
/// URL whose scheme a registered <see cref="IStoreProvider"/> opens (<c>postgres://…</c> once the PostgreSQL
/// project registered itself). Marsad.Store knows no provider but the embedded one: a project that references it
/// adds its own with <see cref="Register"/> at start-up.
/// </summary>
public static class MarsadStores
{
    /// <summary>The archive used when nothing is given.</summary>
    public const string DefaultLocation = MarsadArchive.DefaultDataDir;

    /// <summary>Environment variables read by <see cref="Resolve"/>: a store URL or folder, and the older folder-only one.</summary>
    public const string StoreVariable = "MARSAD_STORE", DataVariable = "MARSAD_DATA";

    private static readonly ConcurrentDictionary<string, IStoreProvider> Providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider of folders (and <c>file://</c> URLs).</summary>
    public static IStoreProvider Embedded { get; } = new EmbeddedStoreProvider();

    /// <summary>Adds (or replaces) the provider of its <see cref="IStoreProvider.Schemes"/>. Thread-safe; call once at start-up.</summary>
    public static void Register(IStoreProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        foreach (var scheme in provider.Schemes) Providers[scheme] = provider;
    }

    /// <summary>
    /// The location a command uses: <paramref name="store"/> (<c>--store</c>), else <paramref name="data"/>
    /// (<c>--data</c>), else <c>$MARSAD_STORE</c>, else <c>$MARSAD_DATA</c>, else <see cref="DefaultLocation"/>:
    /// what is given on the command line wins over the environment.
    /// </summary>
    public static string Resolve(string? store = null, string? data = null)
    {
        static string? Given(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return Given(store) ?? Given(data) ?? Given(Environment.GetEnvironmentVariable(StoreVariable))
            ?? Given(Environment.GetEnvironmentVariable(DataVariable)) ?? DefaultLocation;
    }

    /// <summary>The URL scheme of <paramref name="location"/> (lower case), or null for a folder path.</summary>
    public static string? SchemeOf(string location)
    {
        int i = location.IndexOf("://", StringComparison.Ordinal);
        if (i < 2) return null; // not a URL; also keeps C:\ and C:/ paths folders
        for (int k = 0; k < i; k++)
        {
            char c = location[k];
            if (!(char.IsAsciiLetter(c) || (k > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.')))) return null;
        }
        return location[..i].ToLowerInvariant();
    }

    /// <summary>The provider that opens <paramref name="location"/>; a clear <see cref="StoreUnavailableException"/> when none does.</summary>
    public static IStoreProvider ProviderOf(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var scheme = SchemeOf(location);
        if (scheme is null || scheme == "file") return Embedded;
        if (Providers.TryGetValue(scheme, out var p)) return p;
        string known = string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal).Select(s => s + "://"));
        throw new StoreUnavailableException(scheme is "postgres" or "postgresql"
            ? $"{Redact(location)}: this build of Marsad has no PostgreSQL store (the Marsad.Store.Postgres project provides it); give an archive folder instead"
            : $"{Redact(location)}: no store opens '{scheme}://' URLs (a folder{(known.Length > 0 ? ", " + known : "")})");
    }

    /// <summary>Opens the archive at <paramref name="location"/> (a folder or a URL; see <see cref="Resolve"/>).</summary>
    public static IMarsadStore Open(string location, StoreOpenOptions? options = null) =>
        ProviderOf(location).Open(location, options ?? new StoreOpenOptions());

    /// <summary>Checks the archive at <paramref name="location"/> without changing it.</summary>
    public static ArchiveCheckReport Check(string location) => ProviderOf(location).Check(location);

    /// <summary>Rebuilds the derived parts (search index or terms) of the archive at <paramref name="location"/>.</summary>
    public static long Repair(string location) => ProviderOf(location).Repair(location);

    /// <summary>A URL with its password replaced by *** (for messages and logs); a folder as given.</summary>
    public static string Redact(string location)
    {
        if (SchemeOf(location) is null || !Uri.TryCreate(location, UriKind.Absolute, out var u) || !u.UserInfo.Contains(':')) return location;
        var user = u.UserInfo[..u.UserInfo.IndexOf(':')];
        return new UriBuilder(u) { UserName = user, Password = "***" }.Uri.ToString();
    }
}
