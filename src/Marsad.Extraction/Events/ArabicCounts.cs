using System.Collections.Frozen;
using System.Globalization;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// The small closed classes of number words events need: cardinals in counts of people (ثلاثة جنود)
/// and ordinals of meetings (الاجتماع العاشر). Words are looked up at Matching level, clitic-free.
/// </summary>
internal static class ArabicCounts
{
    private static readonly FrozenDictionary<string, int> Cardinals = Build(new Dictionary<string, int>
    {
        ["واحد"] = 1, ["واحدة"] = 1, ["اثنان"] = 2, ["اثنين"] = 2, ["اثنتان"] = 2, ["اثنتين"] = 2,
        ["ثلاثة"] = 3, ["ثلاث"] = 3, ["اربعة"] = 4, ["اربع"] = 4, ["خمسة"] = 5, ["خمس"] = 5,
        ["ستة"] = 6, ["ست"] = 6, ["سبعة"] = 7, ["سبع"] = 7, ["ثمانية"] = 8, ["ثماني"] = 8, ["ثمان"] = 8,
        ["تسعة"] = 9, ["تسع"] = 9, ["عشرة"] = 10, ["عشر"] = 10,
        ["عشرون"] = 20, ["عشرين"] = 20, ["ثلاثون"] = 30, ["ثلاثين"] = 30, ["اربعون"] = 40, ["اربعين"] = 40,
        ["خمسون"] = 50, ["خمسين"] = 50, ["ستون"] = 60, ["ستين"] = 60, ["سبعون"] = 70, ["سبعين"] = 70,
        ["ثمانون"] = 80, ["ثمانين"] = 80, ["تسعون"] = 90, ["تسعين"] = 90,
        ["مئة"] = 100, ["مائة"] = 100, ["مئات"] = 0, ["الف"] = 1000, ["الاف"] = 0,
    });

    private static readonly FrozenDictionary<string, int> Ordinals = Build(new Dictionary<string, int>
    {
        ["اول"] = 1, ["اولي"] = 1, ["ثاني"] = 2, ["ثانية"] = 2, ["ثالث"] = 3, ["ثالثة"] = 3,
        ["رابع"] = 4, ["رابعة"] = 4, ["خامس"] = 5, ["خامسة"] = 5, ["سادس"] = 6, ["سادسة"] = 6,
        ["سابع"] = 7, ["سابعة"] = 7, ["ثامن"] = 8, ["ثامنة"] = 8, ["تاسع"] = 9, ["تاسعة"] = 9,
        ["عاشر"] = 10, ["عاشرة"] = 10, ["حادي"] = 1, ["حادية"] = 1,
    });

    private static readonly FrozenDictionary<string, int> OrdinalTens = Build(new Dictionary<string, int>
    {
        ["عشر"] = 10, ["عشرة"] = 10, ["عشرين"] = 20, ["عشرون"] = 20, ["ثلاثين"] = 30, ["ثلاثون"] = 30,
        ["اربعين"] = 40, ["اربعون"] = 40, ["خمسين"] = 50, ["خمسون"] = 50, ["ستين"] = 60, ["ستون"] = 60,
        ["سبعين"] = 70, ["سبعون"] = 70, ["ثمانين"] = 80, ["ثمانون"] = 80, ["تسعين"] = 90, ["تسعون"] = 90,
    });

    private static FrozenDictionary<string, int> Build(Dictionary<string, int> d) =>
        d.ToFrozenDictionary(kv => ArabicNormalizer.Normalize(kv.Key, NormalizationLevel.Matching), kv => kv.Value, StringComparer.Ordinal);

    /// <summary>A cardinal number word (ثلاثة → 3); null for other words and for vague plurals (مئات).</summary>
    public static int? Cardinal(string word) =>
        Cardinals.TryGetValue(word, out int v) && v > 0 ? v : null;

    /// <summary>An ordinal word (عاشر → 10, stem without ال); tens (عشرين) return null here.</summary>
    public static int? Ordinal(string stem) => Ordinals.TryGetValue(stem, out int v) ? v : null;

    /// <summary>The tens word of a compound ordinal: الحادي عشر, الخامس والعشرين.</summary>
    public static int? OrdinalTen(string stem) => OrdinalTens.TryGetValue(stem, out int v) ? v : null;

    public static int? ParseDigits(string norm)
    {
        Span<char> buf = stackalloc char[Math.Min(norm.Length, 32)];
        int n = 0;
        foreach (char c in norm)
        {
            if (c is ',' or '\u066C') continue;
            if (c == '.' || n == buf.Length) break;
            if (c < '0' || c > '9') return null;
            buf[n++] = c;
        }
        return n > 0 && int.TryParse(buf[..n], NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;
    }
}
