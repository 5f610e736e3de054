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
        // Hand-parsed: this runs for every event mention, and DateOnly.TryParseExact is slow.
        var v = value.AsSpan();
        if (v.Length < 4 || Digits(v[..4]) is not (>= 1 and <= 9999 and var y)) return false;
        if (v.Length == 4)
        {
            interval = new IsoInterval(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            return true;
        }
        if (v.Length < 7 || v[4] != '-' || Digits(v.Slice(5, 2)) is not (>= 1 and <= 12 and var mo)) return false;
        if (v.Length == 7)
        {
            var m = new DateOnly(y, mo, 1);
            interval = new IsoInterval(m, m.AddMonths(1).AddDays(-1));
            return true;
        }
        if (v.Length < 10 || v[7] != '-' || Digits(v.Slice(8, 2)) is not (>= 1 and var day) || day > DateTime.DaysInMonth(y, mo)) return false;
        if (v.Length > 10 && v[10] is >= '0' and <= '9') return false;
        var d = new DateOnly(y, mo, day);
        interval = new IsoInterval(d, d);
        return true;
    }

    private static int Digits(ReadOnlySpan<char> s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (c is < '0' or > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
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
