using System.Globalization;
using Marsad.Extraction.Places;

namespace Marsad.Store.Export;

/// <summary>An ISO 3166-1 country: codes, English name and ACLED region (Data/countries.tsv).</summary>
public sealed record Country(string Alpha2, string Alpha3, int Numeric, string Name, string Region);

/// <summary>
/// The countries of the exports (ISO alpha-3 and numeric codes, English names, ACLED regions), and the
/// one way a country given by a user — a code, an English or an Arabic name — becomes its alpha-2 code,
/// for the CLI and the API alike.
/// </summary>
public static class Countries
{
    private const string File = "Data/countries.tsv";

    private static readonly Lazy<(Dictionary<string, Country> ByCode, Dictionary<string, Country> ByName)> Table = new(Load);

    /// <summary>The country of an alpha-2 code (MA), or null.</summary>
    public static Country? Get(string? alpha2) =>
        alpha2 is { Length: 2 } && Table.Value.ByCode.TryGetValue(alpha2.ToUpperInvariant(), out var c) ? c : null;

    /// <summary>
    /// The alpha-2 code of a country given as alpha-2 (YE), alpha-3 (YEM), key (iso3166:YE), English
    /// name (Yemen) or Arabic name (اليمن، الجمهورية اليمنية); null when it names no country.
    /// </summary>
    public static string? Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var v = text.Trim();
        if (v.StartsWith("iso3166:", StringComparison.OrdinalIgnoreCase)) v = v["iso3166:".Length..];
        var t = Table.Value;
        if (v.Length is 2 or 3 && t.ByCode.TryGetValue(v.ToUpperInvariant(), out var byCode)) return byCode.Alpha2;
        if (t.ByName.TryGetValue(v.ToLowerInvariant(), out var byName)) return byName.Alpha2;
        // Arabic names: the gazetteer knows every spelling of a country.
        foreach (var place in Gazetteer.Default.FindByName(v))
            if (place.IsCountry && place.Country is { } code) return code;
        return null;
    }

    private static (Dictionary<string, Country>, Dictionary<string, Country>) Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Marsad.Store.Data.countries.tsv")
            ?? throw new InvalidOperationException($"embedded resource {File} is missing");
        using var reader = new StreamReader(stream);
        var byCode = new Dictionary<string, Country>(StringComparer.Ordinal);
        var byName = new Dictionary<string, Country>(StringComparer.Ordinal);
        // The rows through the data files' one reader (comments, blank lines, column count).
        foreach (var (lineNo, cols) in Extraction.Data.TsvRows.Read(reader.ReadToEnd(), File, 5))
        {
            if (cols[0].Length != 2 || cols[1].Length != 3
                || !int.TryParse(cols[2], NumberStyles.None, CultureInfo.InvariantCulture, out int numeric))
                throw new FormatException($"{File} line {lineNo}: expected alpha2, alpha3, numeric, name_en and acled_region");
            var c = new Country(cols[0], cols[1], numeric, cols[3], cols[4]);
            byCode[c.Alpha2] = c;
            byCode[c.Alpha3] = c;
            byName[c.Name.ToLowerInvariant()] = c;
        }
        return (byCode, byName);
    }
}
