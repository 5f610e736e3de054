using Marsad.Extraction.Data;
using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// Capitals that news uses for their country's government («واشنطن تهدد …», «رفضت طهران …»):
/// a city entity whose name and country match a row of <c>Data/events/capitals.tsv</c>.
/// </summary>
public static class Capitals
{
    private static readonly FrozenDictionary<string, string> ByName = Load();

    private static FrozenDictionary<string, string> Load() => Parse(EmbeddedData.Read("events/capitals.tsv"));

    public static FrozenDictionary<string, string> Parse(string tsv)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (lineNo, cols) in TsvRows.Read(tsv, "capitals.tsv", 2))
        {
            if (cols[0].Length != 2)
                throw new FormatException($"capitals.tsv line {lineNo}: expected ISO code and names");
            foreach (var name in cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                map[ArabicNormalizer.Normalize(name.Replace('_', ' '), NormalizationLevel.Matching)] = cols[0];
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The ISO code of the country whose capital <paramref name="e"/> is, or null.</summary>
    public static string? CountryOf(EntityAnnotation e, string normName)
    {
        if (e.Type != EntityTypes.Location || e.Subtype != "city") return null;
        if (!ByName.TryGetValue(normName, out var iso)) return null;
        return e.Country is null || string.Equals(e.Country, iso, StringComparison.OrdinalIgnoreCase) ? iso : null;
    }
}
