namespace Marsad.Store.Index;

/// <summary>
/// The switch of every cache of search answers: the index's result, parse and snippet caches and the
/// server's answer cache. <c>MARSAD_SEARCH_CACHE=off</c> (or 0) turns them all off, so a benchmark can
/// measure what a query costs the first time it is seen; caches change how fast, never what is found.
/// </summary>
public static class SearchCaches
{
    public const string Variable = "MARSAD_SEARCH_CACHE";

    /// <summary>Whether caches are on for this process (read once, at the first use).</summary>
    public static bool On { get; } = OnFor(Environment.GetEnvironmentVariable(Variable));

    /// <summary>What a value of <see cref="Variable"/> means: "off" and "0" turn caches off, anything else (or unset) leaves them on.</summary>
    public static bool OnFor(string? value) => value?.Trim().ToLowerInvariant() is not ("0" or "off");
}
