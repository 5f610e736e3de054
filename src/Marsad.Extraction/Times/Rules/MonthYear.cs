using System.Globalization;
using Marsad.Analysis;

namespace Marsad.Extraction.Times;

// A month: مايو 2022، آذار/مارس 2023، مارس2011، رمضان 1444 هـ، شوال 2016، في يناير الماضي، رمضان المقبل، خلال شهر
// رمضان، شهر الصيام; two months: من مارس إلى مايو 2023، من أكتوبر/تشرين الأول وحتى ديسمبر/كانون الأول الماضيين.
public sealed partial class TimeRecognizer
{
    /// <summary>
    /// Month + year, a month range, or a month alone in a clear context (after شهر or a time preposition, or with
    /// الماضي/المقبل after it). A Hijri month is the range of its first and last Gregorian days.
    /// </summary>
    private int MonthYear(int i)
    {
        if (!TryMonth(i, out var month, out int k, out int glued)) return i;
        int year = glued;
        var yearCalendar = glued is >= HijriCalendar.MinYear and <= HijriCalendar.MaxYear ? CalendarKind.Hijri : CalendarKind.Gregorian;
        int end = k;
        if (year == 0 && !TryYearAfterMonth(k, month.Calendar, out year, out yearCalendar, out end, gregorianForHijri: true))
        {
            year = 0;
            end = k;
        }
        if (year != 0)
        {
            if (month.Calendar == CalendarKind.Gregorian)
            {
                if (yearCalendar != CalendarKind.Gregorian) return i;
                Emit(i, end, TimeValues.Month(year, month.Month), "absolute");
                return end;
            }
            // رمضان 1444 هـ, or a Hijri month named with the Gregorian year it falls in (شوال 2016)
            bool ok = yearCalendar == CalendarKind.Hijri
                ? HijriCalendar.TryMonth(year, month.Month, out var first, out var last)
                : HijriCalendar.TryMonthInGregorianYear(month.Month, year, out first, out last);
            if (!ok) return i;
            Emit(i, end, TimeValues.Days(first, last), "absolute");
            return end;
        }
        if (month.Calendar == CalendarKind.Gregorian && (TryRelativeYearPhrase(k, out int ry, out int k3) || TryThisYearPhrase(k, out ry, out k3)))
        {
            Emit(i, k3, TimeValues.Month(ry, month.Month), "relative"); // يوليو من العام الماضي، ديسمبر من ذلك العام
            return k3;
        }
        if (month.Calendar == CalendarKind.Gregorian && MonthRange(i, month, k) is var r && r > i) return r;
        if (_dateline is null) return i;
        int modifier = ModifierAt(k);
        bool afterMonthWord = TimeTokens.In(TimeLexicon.MonthWords, _t[i])   // شهر الصيام
            || (i > 0 && TimeTokens.In(TimeLexicon.MonthWords, _t[i - 1]))
            || (i > 1 && _t[i - 1].Norm == "من" && TimeTokens.In(TimeLexicon.MonthWords, _t[i - 2]));
        bool context = modifier != DatelineResolver.NoModifier || afterMonthWord
            || (!month.Ambiguous && i > 0 && TimeTokens.In(TimeLexicon.YearPrepositions, _t[i - 1]));
        if (!context) return i;
        end = modifier != DatelineResolver.NoModifier ? k + 1 : k;
        if (month.Calendar == CalendarKind.Hijri)
        {
            int hy = _resolve.HijriMonthYear(month.Month, modifier, i, k);
            if (hy == 0 || !HijriCalendar.TryMonth(hy, month.Month, out var first, out var last)) return i;
            Emit(i, end, TimeValues.Days(first, last), "relative");
            return end;
        }
        Emit(i, end, TimeValues.Month(_resolve.MonthYear(month.Month, modifier, i, k), month.Month), "relative");
        return end;
    }

    /// <summary>
    /// A second month after a month written without its year: a range (من مارس إلى مايو 2023، بين مارس ومايو 2023،
    /// شهري مارس وأبريل 2023، مارس - مايو 2023، من أكتوبر وحتى ديسمبر الماضيين) or, after a bare و, a list whose year
    /// serves both (في مارس ومايو 2023). The first month takes the second's year, or the year before when it comes
    /// later in the calendar (من نوفمبر إلى فبراير 2023). Returns the token after the expression, or <paramref name="i"/>.
    /// </summary>
    private int MonthRange(int i, MonthName first, int k)
    {
        if (k >= _t.Count) return i;
        bool between = IsBetween(i - 1) || (i >= 1 && (_t[i - 1].Norm is "شهري" or "خلال" || _t[i - 1].Stem is "شهري" or "خلال"));
        int second;
        bool range;
        if (IsConnector(k) && !TimeTokens.IsWaw(_t[k])) { second = k + 1; range = true; }
        else if (TimeTokens.IsWaw(_t[k])) { second = k + 1; range = between; }
        else if (_t[k].Stem.Length < _t[k].Norm.Length && TryMonthWord(k, out _, out _)) { second = k; range = between; } // ومايو
        else return i;
        if (second >= _t.Count) return i;
        int save = _out.Count;
        int end2 = MonthYear(second);
        if (end2 > second && _out.Count == save + 1 && _out[save].Value is { Length: 7 } v2)
        {
            var other = _out[save];
            int y2 = int.Parse(v2.AsSpan(0, 4), CultureInfo.InvariantCulture);
            int m2 = int.Parse(v2.AsSpan(5, 2), CultureInfo.InvariantCulture);
            int y1 = first.Month <= m2 ? y2 : y2 - 1;
            if (!range)
            {
                _out.Insert(save, Make(i, k, TimeValues.Month(y1, first.Month), other.Anchor));
                return end2;
            }
            if (first.Month != m2)
            {
                _out.RemoveAt(save);
                Emit(i, end2, TimeValues.Month(y1, first.Month) + "/" + v2, other.Anchor);
                return end2;
            }
        }
        Rollback(save);
        return i;
    }
}
