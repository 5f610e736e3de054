using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Times;

// Years: عام 2022، سنة 2022م، في 2019، عامي 2014 و2013، بين 1555 و 1865، من 2019 إلى 2021، عام 1444 هـ،
// العام الهجري المقبل 1440، كأس العالم 2022، روسيا 2018.
public sealed partial class TimeRecognizer
{
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EventNameSpans =
        TimeLexicon.EventNameHeads.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A year after a year word (عام، سنة، عامي), or the Hijri year after العام الهجري.</summary>
    private int YearWord(int i)
    {
        var t = _t[i];
        if (!TimeTokens.In(TimeLexicon.YearWords, t, article: true)) return i;
        if (i + 1 < _t.Count && TimeTokens.In(TimeLexicon.HijriYearWords, _t[i + 1])) return HijriYearWord(i, i + 2);
        if (!TryYear(i + 1, out int y1, out var cal, out int k, anyRange: true)) return i;
        if (TimeTokens.In(TimeLexicon.DualYearWords, t) && !IsBetween(i - 1) && DualYears(i, k, y1, cal) is var d && d > i) return d;
        return EmitYearOrRange(i, k, y1, cal);
    }

    /// <summary>
    /// العام الهجري 1440، العام الهجري المقبل 1440، السنة الهجرية الجديدة 1440: the Gregorian days the Hijri year
    /// covers; without a number, a modifier counts from the dateline's Hijri year (العام الهجري المقبل).
    /// </summary>
    private int HijriYearWord(int i, int j)
    {
        int modifier = ModifierAt(j);
        if (modifier != DatelineResolver.NoModifier) j++;
        else if (j < _t.Count && TimeTokens.In(TimeLexicon.NewYearWords, _t[j])) j++;
        int hy, end;
        string anchor;
        if (TryYear(j, out int y, out _, out int k, anyRange: true) && y is >= HijriCalendar.MinYear and <= HijriCalendar.MaxYear)
        {
            hy = y;
            end = k;
            anchor = "absolute";
        }
        else if (modifier is -1 or 0 or 1 && _dateline is { } dl && HijriCalendar.TryFromGregorian(dl, out var today))
        {
            hy = today.Year + modifier;
            end = j;
            anchor = "relative";
        }
        else return i;
        if (hy is < HijriCalendar.MinYear or > HijriCalendar.MaxYear || !HijriCalendar.TryYears(hy, hy, out var first, out var last)) return i;
        Emit(i, end, TimeValues.Days(first, last), anchor);
        return end;
    }

    /// <summary>عامي 2014 و2013: two years, each its own time (a range only after بين, or when the years ascend).</summary>
    private int DualYears(int i, int k, int y1, CalendarKind cal)
    {
        int y2 = 0, second = -1, end = k;
        if (k < _t.Count && TimeTokens.TryWawYear(_t[k], out int wy)) { y2 = wy; second = k; end = k + 1; }
        else if (k + 1 < _t.Count && TimeTokens.IsWaw(_t[k]) && TryYear(k + 1, out int yy, out var c2, out int e2, anyRange: false) && c2 == cal)
        {
            y2 = yy;
            second = k + 1;
            end = e2;
        }
        if (y2 == 0 || y2 > y1 || cal == CalendarKind.Hijri) return i; // ascending years: the range reading (عامي 2019 و2021)
        Emit(i, k, TimeValues.Year(y1), "absolute");
        Emit(second, end, TimeValues.Year(y2), "absolute");
        return end;
    }

    /// <summary>
    /// A year without a year word: after a preposition (في 2019، منذ 2011), with an era (2022م), in a range
    /// (بين 2019 و2021، من 2019 إلى 2021، 2019-2021، بين 1555 و 1865), or as the year of a named event right before
    /// punctuation (كأس العالم لكرة القدم 2022.، روسيا 2018،).
    /// </summary>
    private int BareYear(int i)
    {
        if (!TryYear(i, out int y, out var cal, out int k, anyRange: false)) return i;
        bool suffixed = k > i + 1 || _t[i].Kind == TokenKind.MixedWord;
        bool prep = i > 0 && TimeTokens.In(TimeLexicon.YearPrepositions, _t[i - 1]);
        bool between = IsBetween(i - 1) || (i > 0 && _t[i - 1].Norm is "من" or "ما");
        bool rangeAhead = IsRangeAhead(k);
        if (!suffixed && !prep && !between && !rangeAhead)
        {
            if (y is < 1900 or > 2100 || !IsEventYear(i, k)) return i;
            Emit(i, k, TimeValues.Year(y), "absolute");
            return k;
        }
        // older years only in a clear range: بين 1555 و 1865 ) — not من 1500 إلى 2000 دولار
        if (!suffixed && y is < 1900 or > 2100 && !(IsBetween(i - 1) && rangeAhead && EndsPhrase(RangeEnd(k)))) return i;
        if (between && !prep && !suffixed && !rangeAhead) return i;
        return EmitYearOrRange(i, k, y, cal);
    }

    /// <summary>
    /// A year that names an event's edition: a few words after an event noun (كأس، بطولة، انتخابات) or right after a
    /// place (روسيا 2018), and followed by punctuation or the end of the sentence, not by a counted noun.
    /// </summary>
    private bool IsEventYear(int i, int k)
    {
        if (!EndsPhrase(k) || i == 0) return false;
        int sentence = _t[i].Sentence;
        for (int j = i - 1; j >= Math.Max(0, i - 4) && _t[j].Sentence == sentence && _t[j].Kind == TokenKind.ArabicWord; j--)
            if (TimeTokens.In(TimeLexicon.EventNameHeads, _t[j]) || EventNameSpans.Contains(ArticleForms.Bare(_t[j]))) return true;
        var prev = _t[i - 1];
        return prev.Kind == TokenKind.ArabicWord && !ArticleForms.Has(prev) && Gazetteer.Default.FindByName(prev.Stem).Count > 0;
    }

    /// <summary>Token <paramref name="k"/> ends the phrase: punctuation, a clause word, or the end of the sentence.</summary>
    private bool EndsPhrase(int k) =>
        k >= _t.Count || _t[k].Sentence != _t[k - 1].Sentence || _t[k].Kind == TokenKind.Punctuation || TimeLexicon.ClauseBoundaries.Contains(_t[k].Norm);

    /// <summary>The token after the second year of a range starting at connector <paramref name="k"/>.</summary>
    private int RangeEnd(int k)
    {
        if (k < _t.Count && TimeTokens.TryWawYear(_t[k], out _)) return k + 1;
        return TryYear(k + 1, out _, out _, out int e, anyRange: false) ? e : k;
    }

    private bool IsRangeAhead(int k) =>
        IsConnector(k) && k + 1 < _t.Count && TryYear(k + 1, out _, out _, out _, anyRange: false) || (k < _t.Count && TimeTokens.TryWawYear(_t[k], out _));

    private int EmitYearOrRange(int i, int k, int y1, CalendarKind cal)
    {
        // second year: و2021 / و 2021 / إلى 2021 / - 2021 / إلى عام 2021
        int y2 = 0, end = k;
        if (k < _t.Count && TimeTokens.TryWawYear(_t[k], out int wy)) { y2 = wy; end = k + 1; }
        else if (IsConnector(k))
        {
            int j = k + 1;
            if (j < _t.Count && TimeTokens.In(TimeLexicon.YearWords, _t[j], article: true)) j++;
            if (TryYear(j, out int yy, out var cal2, out int e2, anyRange: false) && cal2 == cal) { y2 = yy; end = e2; }
        }
        if (y2 != 0 && y2 <= y1) y2 = 0;
        if (y2 == 0) end = k;
        if (cal == CalendarKind.Hijri)
        {
            if (!HijriCalendar.TryYears(y1, y2 != 0 ? y2 : y1, out var from, out var to)) return i;
            Emit(i, end, TimeValues.Days(from, to), "absolute");
            return end;
        }
        Emit(i, end, y2 != 0 ? TimeValues.Year(y1) + "/" + TimeValues.Year(y2) : TimeValues.Year(y1), "absolute");
        return end;
    }
}
