namespace Marsad.Extraction.Places;

/// <summary>One place of the gazetteer: a country or territory, a region, a city or a first-level division.</summary>
public sealed class GazetteerEntry
{
    /// <summary>iso3166:MA, geonames:2542997, marsad:region:sahel, marsad:admin1:…</summary>
    public required string Key { get; init; }
    /// <summary>country, region, city or admin1.</summary>
    public required string Subtype { get; init; }
    /// <summary>ISO 3166 alpha-2 of the country the place is (countries) or lies in; null for regions.</summary>
    public string? Country { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? NameEn { get; init; }
    /// <summary>The canonical Arabic name.</summary>
    public required string Name { get; init; }
    /// <summary>Every Arabic spelling, the canonical one included. Names matched only after a place word are in <see cref="WeakNames"/>.</summary>
    public required IReadOnlyList<string> Names { get; init; }
    public IReadOnlyList<string> WeakNames { get; init; } = [];
    /// <summary>Nationality and demonym forms without the article (مغربي، مغربية، مغاربة).</summary>
    public IReadOnlyList<string> Demonyms { get; init; } = [];
    /// <summary>Keys of the places this one lies in, nearest first (a city's country; a country's regions).</summary>
    public IReadOnlyList<string> Parents { get; init; } = [];

    public bool IsCountry => Subtype == "country";

    public override string ToString() => $"{Key} {Name}";
}
