using System.Globalization;

namespace Marsad.Extraction.Events;

/// <summary>The days an ISO 8601 time value covers: 2023 → the year, 2023-03 → March, a/b → a range.</summary>
public readonly record struct IsoInterval(DateOnly Start, DateOnly End)
{
    public static bool TryParse(string? value, out IsoInterval interval)
    {
        interval = default;
        if (string.IsNullOrEmpty(value)) return false;
        int slash = value.IndexOf('/');
        if (slash > 0)
        {
            if (!TryParse(value[..slash], out var a) || !TryParse(value[(slash + 1)..], out var b) || b.End < a.Start) return false;
            interval = new IsoInterval(a.Start, b.End);
            return true;
        }
        var inv = CultureInfo.InvariantCulture;
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, inv, out int y) && y is >= 1 and <= 9999)
        {
            interval = new IsoInterval(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            return true;
        }
        if (value.Length == 7 && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", inv, DateTimeStyles.None, out var m))
        {
            interval = new IsoInterval(m, m.AddMonths(1).AddDays(-1));
            return true;
        }
        if (value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", inv, DateTimeStyles.None, out var d))
        {
            interval = new IsoInterval(d, d);
            return true;
        }
        return false;
    }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(IsoInterval other) => other.Start >= Start && other.End <= End;

    /// <summary>One interval holds the other: «مايو 2022» and «11 مايو 2022» may be the same meeting.</summary>
    public static bool Nest(string? a, string? b) =>
        TryParse(a, out var x) && TryParse(b, out var y) && (x.Contains(y) || y.Contains(x));

    /// <summary>The start days of two values are at most <paramref name="days"/> apart.</summary>
    public static bool Within(string? a, string? b, int days) =>
        TryParse(a, out var x) && TryParse(b, out var y) && Math.Abs(x.Start.DayNumber - y.Start.DayNumber) <= days;
}
