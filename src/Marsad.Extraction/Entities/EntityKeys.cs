using Marsad.Text;

namespace Marsad.Extraction.Entities;

/// <summary>Keys of entities the gazetteer and lexicons do not know (persons, rule-found organisations and places).</summary>
public static class EntityKeys
{
    /// <summary>
    /// <c>marsad:TYPE:name</c> with the name at the Search level of normalisation and spaces as underscores, so
    /// the same name of the same type meets across documents (ناصر بوريطة → <c>marsad:PER:ناصر_بوريطه</c>).
    /// </summary>
    public static string ForName(string type, string name) =>
        $"marsad:{type}:{ArabicNormalizer.Normalize(name, NormalizationLevel.Search).Replace(' ', '_')}";
}
