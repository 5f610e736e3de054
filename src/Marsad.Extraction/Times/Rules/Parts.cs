using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

// The pieces the grammars share: a day, a month name, a year, a modifier.
public sealed partial class TimeRecognizer
{
    /// <summary>
    /// A day of the month at <paramref name="i"/>: 1–31 in digits (9، و10، الـ 14، الـ14) or an ordinal with the
    /// article (الأول، الثالث عشر، الحادي والثلاثين); then «من» (required after an ordinal) and «شهر», both optional
    /// after digits (9 من فبراير، الـ12 من شهر ربيع الأول). <paramref name="next"/> is where the month should be.
    /// </summary>
    private bool TryDay(int i, out int day, out int next)
    {
        day = 0;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        int j;
        bool ordinal = false;
        if (t.Kind == TokenKind.Number && t.Norm.Length <= 2 && NumberParsing.TryParseInt(t.Norm, out day)) j = i + 1;
        else if (TimeTokens.TryWawDigits(t, out day) || TimeTokens.TryArticleDigits(t, out day)) j = i + 1;   // و10، الـ14
        else if (t.Norm == "ال" && i + 1 < _t.Count && _t[i + 1].Kind == TokenKind.Number && _t[i + 1].Norm.Length <= 2
                 && NumberParsing.TryParseInt(_t[i + 1].Norm, out day)) j = i + 2;                          // الـ 14
        else if (t.Kind == TokenKind.ArabicWord && ArticleForms.Has(t) && NumberWords.TryParseOrdinal(_t, i, out day, out int n))
        {
            j = i + n;
            ordinal = true;
        }
        else return false;
        if (day is < 1 or > 31) return false;
        if (j < _t.Count && _t[j].Norm == "من") j++;
        else if (ordinal) return false;
        if (j < _t.Count && TimeTokens.In(TimeLexicon.MonthWords, _t[j]) && _t[j].Norm != "شهري") j++;
        next = j;
        return true;
    }

    /// <summary>
    /// A month name (one or two words) at <paramref name="i"/>, with a paired form after it (آذار/مارس، مارس (آذار)),
    /// or glued to its year (مارس2011: <paramref name="gluedYear"/>).
    /// </summary>
    private bool TryMonth(int i, out MonthName month, out int next, out int gluedYear)
    {
        next = i;
        gluedYear = 0;
        if (i < _t.Count && _t[i].Kind == TokenKind.MixedWord) return TryGluedMonthYear(i, out month, out next, out gluedYear);
        if (!TryMonthWord(i, out month, out int k)) return false;
        // paired names: آذار/مارس, مارس-آذار, مارس (آذار), أكتوبر/تشرين الأول
        if (k + 1 < _t.Count && _t[k].Norm is "/" or "-" && TryMonthWord(k + 1, out var m2, out int k2) && m2.Month == month.Month && m2.Calendar == month.Calendar)
        {
            k = k2;
            if (month.Ambiguous) month = m2;
        }
        else if (k + 2 < _t.Count && _t[k].Norm == "(" && TryMonthWord(k + 1, out var m3, out int k3) && m3.Month == month.Month
                 && k3 < _t.Count && _t[k3].Norm == ")")
        {
            k = k3 + 1;
            if (month.Ambiguous) month = m3;
        }
        next = k;
        return true;
    }

    /// <summary>مارس2011: a month name and a four-digit year written without a space.</summary>
    private bool TryGluedMonthYear(int i, out MonthName month, out int next, out int year)
    {
        month = default;
        next = i;
        year = 0;
        ReadOnlySpan<char> s = _t[i].Norm;
        if (s.Length < 7 || !TimeTokens.AllDigits(s[^4..]) || !MonthSpans.TryGetValue(s[..^4], out month)) return false;
        if (!NumberParsing.TryParseInt(s[^4..], out year) || year is < 1000 or > 2200) return false;
        next = i + 1;
        return true;
    }

    private static readonly System.Collections.Frozen.FrozenDictionary<string, MonthName>.AlternateLookup<ReadOnlySpan<char>> MonthSpans =
        TimeLexicon.Months.GetAlternateLookup<ReadOnlySpan<char>>();

    private bool TryMonthWord(int i, out MonthName month, out int next)
    {
        month = default;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        if (t.Kind != TokenKind.ArabicWord) return false;
        if (TimeTokens.TryGet(TimeLexicon.Months, t, out month))
        {
            next = i + 1;
            return true;
        }
        if (i + 1 < _t.Count)
        {
            string head = TimeLexicon.MonthHeads.Contains(t.Norm) ? t.Norm : t.Stem;
            if (TimeLexicon.MonthHeads.Contains(head) && TimeLexicon.TwoWordMonths.TryGetValue(head + " " + _t[i + 1].Norm, out month))
            {
                next = i + 2;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A year right after a month: 2022, 2022م, 2022 م, 1444 هـ, من عام 2022. A Hijri month wants a Hijri-sized year;
    /// with <paramref name="gregorianForHijri"/> a Hijri month also takes a Gregorian one (شوال 2016).
    /// </summary>
    private bool TryYearAfterMonth(int i, CalendarKind calendar, out int year, out CalendarKind yearCalendar, out int next, bool gregorianForHijri = false)
    {
        yearCalendar = calendar;
        int j = i;
        if (j + 1 < _t.Count && _t[j].Norm == "من" && TimeTokens.In(TimeLexicon.YearWords, _t[j + 1], article: true)) j += 2;
        else if (j < _t.Count && TimeTokens.In(TimeLexicon.YearWords, _t[j], article: true)) j++;
        if (!TryYear(j, out year, out var cal, out next, anyRange: false)) return false;
        if (calendar == CalendarKind.Hijri)
        {
            if (year is >= 1300 and <= 1600 && (cal == CalendarKind.Hijri || year < 1500)) return true;
            yearCalendar = CalendarKind.Gregorian;
            return gregorianForHijri && cal == CalendarKind.Gregorian && year is >= 1900 and <= 2100;
        }
        return cal == CalendarKind.Gregorian && year is >= 1000 and <= 2200;
    }

    /// <summary>
    /// A year phrase after a day and month: من العام الماضي، من هذا العام، من العام الجاري (from the dateline) or
    /// من ذلك العام، من العام نفسه، من العام التالي (from the year the text named last).
    /// </summary>
    private bool TryRelativeYearPhrase(int i, out int year, out int next)
    {
        year = 0;
        next = i;
        if (i + 2 >= _t.Count || _t[i].Norm != "من") return false;
        var a = _t[i + 1];
        var b = _t[i + 2];
        // ذلك العام / تلك السنة / نفس العام
        if (TimeLexicon.SameYearWords.TryGetValue(a.Norm, out int add) && IsYearNoun(b))
        {
            int last = _resolve.LastYear(i);
            if (last == 0) return false;
            year = last + add;
            next = i + 3;
            return true;
        }
        if (!IsYearNoun(a)) return false;
        // العام نفسه / العام التالي
        if (TimeLexicon.SameYearWords.TryGetValue(b.Norm, out add))
        {
            int last = _resolve.LastYear(i);
            if (last == 0) return false;
            year = last + add;
            next = i + 3;
            return true;
        }
        if (_dateline is not { } dl) return false;
        if (TimeLexicon.Modifiers.TryGetValue(b.Norm, out int mod))
        {
            year = dl.Year + mod;
            next = i + 3;
            return true;
        }
        return false;
    }

    /// <summary>من هذا العام / من هذه السنة after a day and month.</summary>
    private bool TryThisYearPhrase(int i, out int year, out int next)
    {
        year = 0;
        next = i;
        if (_dateline is not { } dl || i + 2 >= _t.Count || _t[i].Norm != "من") return false;
        if (!TimeLexicon.ThisWords.Contains(_t[i + 1].Norm) || !IsYearNoun(_t[i + 2])) return false;
        year = dl.Year;
        next = i + 3;
        return true;
    }

    /// <summary>العام / السنة with the article.</summary>
    private static bool IsYearNoun(WordToken t) => ArticleForms.Has(t) && ArticleForms.Bare(t) is "عام" or "سنة";

    /// <summary>A modifier at <paramref name="k"/> (الماضي، المقبلة، الماضيين), or <see cref="DatelineResolver.NoModifier"/>.</summary>
    private int ModifierAt(int k) =>
        k < _t.Count && TimeTokens.TryGet(TimeLexicon.Modifiers, _t[k], out int m) ? m : DatelineResolver.NoModifier;

    /// <summary>
    /// A year number at <paramref name="i"/>: four digits (or 3–4 digits with an era word), with an optional
    /// era after it (م، ميلادي، هـ، هجري) either glued (2022م) or as the next word.
    /// </summary>
    private bool TryYear(int i, out int year, out CalendarKind calendar, out int next, bool anyRange)
    {
        year = 0;
        calendar = CalendarKind.Gregorian;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        ReadOnlySpan<char> s = t.Norm;
        bool glued = false;
        if (t.Kind == TokenKind.MixedWord && s.Length >= 4 && s[^1] is 'م' or 'ه' && TimeTokens.AllDigits(s[..^1]))
        {
            calendar = s[^1] == 'ه' ? CalendarKind.Hijri : CalendarKind.Gregorian;
            s = s[..^1];
            glued = true;
        }
        else if (t.Kind != TokenKind.Number || !TimeTokens.AllDigits(s))
        {
            return false;
        }
        if (s.Length is < 3 or > 4 || !NumberParsing.TryParseInt(s, out year)) return false;
        int k = i + 1;
        bool era = glued;
        if (!glued && k < _t.Count && TimeLexicon.EraWords.TryGetValue(_t[k].Norm, out var c))
        {
            calendar = c;
            era = true;
            k++;
        }
        if (s.Length == 3 && !era) return false;
        if (year < 100 || (!anyRange && !era && year is < 1000 or > 2200) || year > 2200) return false;
        next = k;
        return true;
    }

    private bool IsConnector(int i) => i < _t.Count && TimeTokens.IsConnector(_t[i]);

    private bool IsBetween(int i) => i >= 0 && i < _t.Count && TimeTokens.In(TimeLexicon.BetweenWords, _t[i]);

    private bool Adjacent(int from, int to)
    {
        for (int k = from; k < to; k++) if (_t[k].End != _t[k + 1].Start) return false;
        return true;
    }
}
