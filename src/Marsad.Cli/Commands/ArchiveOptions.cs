using System.CommandLine;
using Marsad.Store;

namespace Marsad.Cli.Commands;

/// <summary>Options shared by the commands that use the archive.</summary>
public static class ArchiveOptions
{
    /// <summary>
    /// <c>--data DIR</c> or <c>--store URL</c> (one option, two names): the archive, a folder or a store URL such as
    /// <c>postgres://USER:PASSWORD@HOST:PORT/DATABASE</c> (default <c>$MARSAD_STORE</c>, <c>$MARSAD_DATA</c> or <c>./marsad-data</c>).
    /// A command that takes a folder and a store apart (bench search-parity) asks without <paramref name="storeAlias"/>.
    /// </summary>
    public static Option<string> Data(bool storeAlias = true)
    {
        string[] aliases = storeAlias ? ["-d", "--store"] : ["-d"];
        return new("--data", aliases)
        {
            Description = storeAlias
                ? "The archive: a folder, or postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $MARSAD_STORE, $MARSAD_DATA or ./marsad-data)."
                : "The archive folder (default: $MARSAD_STORE, $MARSAD_DATA or ./marsad-data).",
            DefaultValueFactory = _ => MarsadStores.Resolve(),
        };
    }

    /// <summary>Opens an existing archive (folder or store URL) for reading; a clear error when there is none.</summary>
    public static IMarsadStore OpenExisting(string location) => MarsadStores.Open(location, new StoreOpenOptions { MustExist = true });

    /// <summary>Opens the archive (folder or store URL) to write to, creating it when there is none.</summary>
    public static IMarsadStore OpenOrCreate(string location) => MarsadStores.Open(location);

    /// <summary>Accepts 2018, 2018-03 or 2018-03-05; a month or year means its first (from) or last (to) day.</summary>
    public static DateOnly? ParseDate(string? text, bool end, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length == 4 && int.TryParse(t, out int y)) return end ? new DateOnly(y, 12, 31) : new DateOnly(y, 1, 1);
        if (t.Length == 7 && DateOnly.TryParseExact(t + "-01", "yyyy-MM-dd", out var m))
            return end ? m.AddMonths(1).AddDays(-1) : m;
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", out var d)) return d;
        throw new Ingest.InputException(option, $"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0} KiB",
        _ => $"{bytes} B",
    };
}
