using Marsad.Analysis;

namespace Marsad.Extraction.Times;

// A day and a month: 11 مايو 2022، 9 من فبراير الماضي، 4 من مارس (آذار) 2016، الأول من يونيو،
// الثالث عشر من شهر آب/أغسطس المقبل، الـ 14 من آذار، 15 رمضان 1444 هـ، 5 رجب المقبل، 6 أكتوبر من ذلك العام;
// two days (1 و 2 مارس، من 5 إلى 7 مايو) and two dates (من 3 مايو إلى 9 يونيو 2017، من ١٠ شعبان إلى ٢ رمضان).
public sealed partial class TimeRecognizer
{
    /// <summary>A day and month as read, before its year is settled.</summary>
    /// <param name="Year">The written year (or one given by a year phrase: من العام الماضي), else 0.</param>
    /// <param name="YearWritten">The year is in digits, not from a phrase.</param>
    /// <param name="Modifier">الماضي / المقبل after the month, else <see cref="DatelineResolver.NoModifier"/>.</param>
    private readonly record struct DayMonthParse(int Day, int Day2, MonthName Month, int Year, bool YearWritten, int Modifier, int End);

    private int DayMonth(int i)
    {
        if (!TryParseDayMonth(i, out var p)) return i;
        // مدينة 6 أكتوبر، ثورة 25 يناير: a name; the same words with a year are a date
        if (p.Year == 0 && i > 0 && TimeTokens.In(TimeLexicon.DateNameHeads, _t[i - 1])) return i;
        if (p.Day2 == 0 && SecondDate(i, p) is var r && r > i) return r;
        if (!TryResolve(i, p, out var from, out var to, out string anchor)) return i;
        Emit(i, p.End, to > from ? TimeValues.Days(from, to) : TimeValues.Day(from), anchor);
        return p.End;
    }

    private bool TryParseDayMonth(int i, out DayMonthParse p)
    {
        p = default;
        if (!TryDay(i, out int d1, out int j)) return false;
        int d2 = 0;
        // a second day: 1 و 2 مارس، 1 و2 مارس، من 5 إلى 7 مايو، 5-7 مايو
        if (j < _t.Count && TimeTokens.TryWawDigits(_t[j], out int wd) && wd > d1 && wd <= 31)
        {
            d2 = wd;
            j++;
        }
        else if (IsConnector(j) && TryDay(j + 1, out int dd, out int j2) && dd > d1)
        {
            d2 = dd;
            j = j2;
        }
        if (!TryMonth(j, out var month, out int k, out int glued)) return false;
        int y = 0, modifier = DatelineResolver.NoModifier;
        bool written = false;
        if (glued != 0)
        {
            if (month.Calendar == CalendarKind.Hijri && glued is < HijriCalendar.MinYear or > HijriCalendar.MaxYear) return false;
            y = glued;
            written = true;
        }
        else if (TryYearAfterMonth(k, month.Calendar, out int year, out _, out int k2))
        {
            y = year;
            k = k2;
            written = true;
        }
        else if (month.Calendar == CalendarKind.Gregorian && (TryRelativeYearPhrase(k, out int ry, out int k3) || TryThisYearPhrase(k, out ry, out k3)))
        {
            y = ry; // 11 مايو من العام الماضي، 6 أكتوبر من ذلك العام
            k = k3;
        }
        else if ((modifier = ModifierAt(k)) != DatelineResolver.NoModifier)
        {
            k++; // 9 من فبراير الماضي، 5 رجب المقبل
        }
        p = new DayMonthParse(d1, d2, month, y, written, modifier, k);
        return true;
    }

    /// <summary>The first (and, for two days, last) Gregorian day of a parsed day and month.</summary>
    private bool TryResolve(int i, in DayMonthParse p, out DateOnly from, out DateOnly to, out string anchor)
    {
        to = default;
        anchor = p.YearWritten ? "absolute" : "relative";
        int m = p.Month.Month;
        if (p.Month.Calendar == CalendarKind.Hijri)
        {
            if (p.Year != 0 ? !HijriCalendar.TryToGregorian(p.Year, m, p.Day, out from) : !_resolve.TryHijriDay(m, p.Day, p.Modifier, i, p.End, _weekday, out from))
                return false;
        }
        else if (p.Year != 0 ? !TimeValues.TryDate(p.Year, m, p.Day, out from) : !_resolve.TryDay(m, p.Day, p.Modifier, i, p.End, _weekday, out from))
        {
            return false;
        }
        to = from;
        if (p.Day2 == 0) return true;
        to = from.AddDays(p.Day2 - p.Day);
        // the second day must lie in the same month (of its calendar)
        if (p.Month.Calendar == CalendarKind.Gregorian) return to.Month == from.Month;
        return HijriCalendar.TryFromGregorian(to, out var h) && h.Month == m;
    }

    /// <summary>
    /// A second date after this one: a range (من 5 مايو إلى 7 يونيو 2023، بين 3 مايو و10 يونيو 2021، من ١٠ شعبان إلى
    /// ٢ رمضان) or, after a bare و, a list whose year serves both (5 مايو و10 يونيو 2021). The end without a year takes
    /// the other's: the first the second's (the year before when it comes later in the calendar), the second the
    /// first's. Returns the token after the expression, or <paramref name="i"/>.
    /// </summary>
    private int SecondDate(int i, in DayMonthParse p)
    {
        int k = p.End;
        if (k >= _t.Count) return i;
        bool between = IsBetween(i - 1);
        int second;
        bool range;
        if (IsConnector(k) && !TimeTokens.IsWaw(_t[k])) { second = k + 1; range = true; }
        else if (TimeTokens.IsWaw(_t[k])) { second = k + 1; range = between; }
        else if (TimeTokens.TryWawDigits(_t[k], out _)) { second = k; range = between; }
        else return i;
        if (!range && p.Year != 0) return i;
        if (!TryParseDayMonth(second, out var q) || q.Day2 != 0 || q.Month.Calendar != p.Month.Calendar) return i;
        bool later = (p.Month.Month, p.Day).CompareTo((q.Month.Month, q.Day)) > 0;
        if (q.Year == 0 && p.Year != 0)
            q = q with { Year = p.Year + (later ? 1 : 0), YearWritten = p.YearWritten }; // من 28 ديسمبر 2022 إلى 3 يناير
        if (!TryResolve(second, q, out var date2, out _, out string anchor2)) return i;
        DateOnly first;
        string anchor1 = anchor2;
        if (p.Year != 0)
        {
            if (!TryResolve(i, p, out first, out _, out anchor1)) return i;
        }
        else if (p.Month.Calendar == CalendarKind.Hijri)
        {
            if (!HijriCalendar.TryFromGregorian(date2, out var h2) || !HijriCalendar.TryToGregorian(later ? h2.Year - 1 : h2.Year, p.Month.Month, p.Day, out first))
                return i;
        }
        else if (!TimeValues.TryDate(later ? date2.Year - 1 : date2.Year, p.Month.Month, p.Day, out first))
        {
            return i;
        }
        if (range)
        {
            if (first >= date2) return i;
            Emit(i, q.End, TimeValues.Days(first, date2), anchor1 == "absolute" && anchor2 == "absolute" ? "absolute" : "relative");
        }
        else
        {
            Emit(i, p.End, TimeValues.Day(first), anchor1);
            Emit(second, q.End, TimeValues.Day(date2), anchor2);
        }
        return q.End;
    }
}
