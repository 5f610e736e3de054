using System.Globalization;

namespace Marsad.Extraction.Times;

/// <summary>
/// Hijri dates through .NET's <see cref="UmAlQuraCalendar"/> (the Saudi Umm al-Qura tables, the calendar Gulf
/// papers print), inside its supported range 1318-01-01 … 1500-12-30 AH (1900-04-30 … 2077-11-16).
/// </summary>
public static class HijriCalendar
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    /// <summary>The Hijri years the calendar converts; a numeric date with such a year is read as Hijri.</summary>
    public const int MinYear = 1318, MaxYear = 1500;

    /// <summary>A Hijri date: year, month, day.</summary>
    public readonly record struct Date(int Year, int Month, int Day);

    /// <summary>Um al-Qura date → Gregorian, inside the calendar's supported range.</summary>
    public static bool TryToGregorian(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < MinYear or > MaxYear || month is < 1 or > 12 || day < 1) return false;
        try
        {
            if (day > UmAlQura.GetDaysInMonth(year, month)) return false;
            date = DateOnly.FromDateTime(UmAlQura.ToDateTime(year, month, day, 0, 0, 0, 0));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // the last days of 1500 AH lie past the calendar's table
        }
    }

    /// <summary>Gregorian → Um al-Qura date, inside the calendar's supported range.</summary>
    public static bool TryFromGregorian(DateOnly d, out Date h)
    {
        h = default;
        var dt = d.ToDateTime(TimeOnly.MinValue);
        if (dt < UmAlQura.MinSupportedDateTime || dt > UmAlQura.MaxSupportedDateTime) return false;
        h = new Date(UmAlQura.GetYear(dt), UmAlQura.GetMonth(dt), UmAlQura.GetDayOfMonth(dt));
        return true;
    }

    /// <summary>The first and last Gregorian days of a Hijri month.</summary>
    public static bool TryMonth(int year, int month, out DateOnly first, out DateOnly last)
    {
        last = default;
        if (!TryToGregorian(year, month, 1, out first)) return false;
        last = first.AddDays(UmAlQura.GetDaysInMonth(year, month) - 1);
        return true;
    }

    /// <summary>The first day of <paramref name="from"/> to the last day of <paramref name="to"/> (Hijri years).</summary>
    public static bool TryYears(int from, int to, out DateOnly first, out DateOnly last)
    {
        last = default;
        return TryToGregorian(from, 1, 1, out first) && TryMonth(to, 12, out _, out last);
    }

    /// <summary>
    /// The Hijri month <paramref name="month"/> that begins in Gregorian <paramref name="gregorianYear"/>
    /// (شوال 2016 → Shawwal 1437, 2016-07-06 … 2016-08-03); when two do (every 33 years or so), the first.
    /// </summary>
    public static bool TryMonthInGregorianYear(int month, int gregorianYear, out DateOnly first, out DateOnly last)
    {
        first = last = default;
        if (gregorianYear is < 1900 or > 2077) return false;
        // a Hijri year is 354-355 days: the Hijri year of 1 January, or the next one, has the month starting in that year
        if (!TryFromGregorian(new DateOnly(gregorianYear, 1, 1), out var jan1)) return false;
        for (int hy = jan1.Year; hy <= jan1.Year + 1; hy++)
            if (TryMonth(hy, month, out first, out last) && first.Year == gregorianYear) return true;
        return false;
    }
}
