using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

/// <summary>Token tests shared by the time rules; they read the text stage's forms and stems, never fold text.</summary>
internal static class TimeTokens
{
    private static readonly FrozenDictionary<string, DayOfWeek>.AlternateLookup<ReadOnlySpan<char>> WeekdaySpans =
        TimeLexicon.Weekdays.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotFutureSpans =
        TimeLexicon.NotFutureVerbs.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The word is in <paramref name="set"/> as written or by its stem (ويوم، لشهر → يوم، شهر); with
    /// <paramref name="article"/> also a stem that had the article (للعام، بالعام → عام). A و ف ب ل before a short word
    /// that the clitic segmenter leaves whole (وفي، وحتى، لسنة) is read off here, for the words of the set only.
    /// </summary>
    public static bool In(FrozenSet<string> set, WordToken t, bool article = false)
    {
        if (set.Contains(t.Norm)) return true;
        if (t.Stem.Length < t.Norm.Length) return (article || !t.HasArticle) && set.Contains(t.Stem);
        ReadOnlySpan<char> s = t.Norm;
        return s.Length is > 2 and <= 6 && s[0] is 'و' or 'ف' or 'ب' or 'ل' && set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(s[1..]);
    }

    /// <summary>The word is <paramref name="word"/> (a Matching-level form), maybe after و or another proclitic: في، وفي.</summary>
    public static bool Is(WordToken t, string word) =>
        t.Norm == word || t.Stem == word || (t.Norm.Length == word.Length + 1 && t.Norm[0] == 'و' && t.Norm.AsSpan(1).SequenceEqual(word));

    /// <summary>The value of the word in <paramref name="map"/>, as written or by its stem.</summary>
    public static bool TryGet<T>(FrozenDictionary<string, T> map, WordToken t, out T value) =>
        map.TryGetValue(t.Norm, out value!) || (t.Stem.Length < t.Norm.Length && !t.HasArticle && map.TryGetValue(t.Stem, out value!));

    /// <summary>A range connector: إلى، حتى، و، -، وحتى، وإلى.</summary>
    public static bool IsConnector(WordToken t) => In(TimeLexicon.RangeConnectors, t);

    /// <summary>A bare و (the connector of a list or of بين … و …).</summary>
    public static bool IsWaw(WordToken t) => t.Norm == "و";

    public static bool IsDash(WordToken t) => t.Norm is "-" or "–";

    /// <summary>و + 1–3 digits glued (و10 مايو).</summary>
    public static bool TryWawDigits(WordToken t, out int value)
    {
        value = 0;
        ReadOnlySpan<char> s = t.Norm;
        return t.Kind == TokenKind.MixedWord && s.Length >= 2 && s.Length <= 3 && s[0] == 'و' && AllDigits(s[1..]) && NumberParsing.TryParseInt(s[1..], out value);
    }

    /// <summary>و + a four-digit year glued (و2021).</summary>
    public static bool TryWawYear(WordToken t, out int value)
    {
        value = 0;
        ReadOnlySpan<char> s = t.Norm;
        return t.Kind == TokenKind.MixedWord && s.Length == 5 && s[0] == 'و' && AllDigits(s[1..]) && NumberParsing.TryParseInt(s[1..], out value)
            && value is >= 1000 and <= 2200;
    }

    /// <summary>الـ + digits glued (الـ14 ← ال14).</summary>
    public static bool TryArticleDigits(WordToken t, out int value)
    {
        value = 0;
        ReadOnlySpan<char> s = t.Norm;
        return t.Kind == TokenKind.MixedWord && s.Length is 3 or 4 && s[0] == 'ا' && s[1] == 'ل' && AllDigits(s[2..]) && NumberParsing.TryParseInt(s[2..], out value);
    }

    public static bool AllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (char c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary>A weekday with the article (الخميس، والخميس، بالخميس): not الأحد عشر, which the caller checks.</summary>
    public static bool IsWeekday(WordToken t, out DayOfWeek dow)
    {
        dow = default;
        if (t.Kind != TokenKind.ArabicWord || !ArticleForms.Has(t)) return false;
        return WeekdaySpans.TryGetValue(ArticleForms.Bare(t), out dow);
    }

    /// <summary>سـ + imperfect (سيعقد، ستبدأ، سنعمل، وسيلتقي), not one of the nouns that look like it.</summary>
    public static bool IsFutureVerb(WordToken t)
    {
        if (t.Kind != TokenKind.ArabicWord || ArticleForms.Has(t)) return false;
        ReadOnlySpan<char> s = t.Norm;
        if (s.Length > 5 && s[0] is 'و' or 'ف' && s[1] == 'س') s = s[1..];
        if (s.Length < 5 || s[0] != 'س' || s[1] is not ('ي' or 'ت')) return false;
        return !NotFutureSpans.Contains(s)
            && !TimeLexicon.NotFutureVerbs.Contains(t.Norm);
    }
}
