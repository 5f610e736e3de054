using System.Collections.Frozen;
using Marsad.Extraction.Data;

namespace Marsad.Extraction.Events;

/// <summary>How the argument rules read a PLOVER type (Data/events/types.tsv).</summary>
[Flags]
internal enum TypeTrait
{
    None = 0,
    Concrete = 1,
    Coercive = 2,
    Joint = 4,
    Against = 8,
    Participants = 16,
    Casualties = 32,
    Speech = 64,
    Recipient = 128,
}

internal static class TypeTraits
{
    private static readonly FrozenDictionary<string, TypeTrait> ByType = Load();

    public static bool Is(string type, TypeTrait trait) => ByType.TryGetValue(type, out var t) && (t & trait) != 0;

    private static FrozenDictionary<string, TypeTrait> Load() => Parse(EmbeddedData.Read("events/types.tsv"));

    public static FrozenDictionary<string, TypeTrait> Parse(string tsv)
    {
        var map = new Dictionary<string, TypeTrait>(StringComparer.Ordinal);
        foreach (var (line, cols) in TsvRows.Read(tsv, "Data/events/types.tsv", 2))
        {
            var traits = TypeTrait.None;
            foreach (var w in cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Enum.TryParse<TypeTrait>(w, ignoreCase: true, out var t) || t == TypeTrait.None)
                    throw new FormatException($"Data/events/types.tsv line {line}: unknown trait '{w}'");
                traits |= t;
            }
            if (!map.TryAdd(cols[0], traits))
                throw new FormatException($"Data/events/types.tsv line {line}: type '{cols[0]}' is listed twice");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
