using System.Globalization;

namespace Marsad.Extraction.Times;

/// <summary>The ISO 8601 values the times stage writes (see README, "Times and quantities").</summary>
internal static class TimeValues
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Days(DateOnly from, DateOnly to) => Day(from) + "/" + Day(to);

    public static string Month(int year, int month) => $"{year:D4}-{month:D2}";

    public static string Year(int year) => $"{year:D4}";

    public static string Week(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }

    /// <summary>A season of a year: 2017-SU (TimeML: SP, SU, FA, WI; winter is named by the year it starts in).</summary>
    public static string Season(int year, string code) => $"{year:D4}-{code}";

    public static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>The year an ISO value starts with (2017-05-03 → 2017), or 0.</summary>
    public static int LeadingYear(string value) =>
        value.Length >= 4 && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y) ? y : 0;
}
