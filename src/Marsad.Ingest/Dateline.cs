using System.Globalization;
using System.Text.RegularExpressions;

namespace Marsad.Ingest;

/// <summary>
/// Finds a dateline such as <c>بتاريخ : 10/06/2023</c> (day first), <c>تاريخ النشر: 2023-06-10</c>
/// or <c>الرباط في 10-06-2023</c> on a line of its own.
/// </summary>
public static partial class Dateline
{
    [GeneratedRegex(@"^\s*(?:(?:بتاريخ|تاريخ(?:\s+النشر)?|نشر(?:\s+في)?|حرر(?:\s+في)?|Date|Published)\s*[:：\-–]?\s*|[\p{L}\s]{2,30}\s+في\s+)(?<date>[0-9٠-٩]{1,4}\s*[/\.\-]\s*[0-9٠-٩]{1,2}\s*[/\.\-]\s*[0-9٠-٩]{2,4})\s*(?:م)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatelineRegex();

    public static bool TryParseLine(string line, out DateOnly date)
    {
        date = default;
        if (line.Length > 80) return false;
        var m = DatelineRegex().Match(line);
        return m.Success && TryParseNumericDate(m.Groups["date"].Value, out date);
    }

    /// <summary>Day-first numeric dates (10/06/2023, 10.06.23) and ISO year-first ones (2023-06-10).</summary>
    public static bool TryParseNumericDate(string text, out DateOnly date)
    {
        date = default;
        Span<int> parts = stackalloc int[3];
        Span<int> widths = stackalloc int[3];
        int p = 0, value = 0, width = 0;
        foreach (char c in text)
        {
            int d = c switch { >= '0' and <= '9' => c - '0', >= '٠' and <= '٩' => c - '٠', >= '۰' and <= '۹' => c - '۰', _ => -1 };
            if (d >= 0) { value = value * 10 + d; width++; continue; }
            if (c is '/' or '.' or '-')
            {
                if (p >= 2 || width == 0) return false;
                parts[p] = value; widths[p] = width; p++; value = 0; width = 0;
            }
        }
        if (p != 2 || width == 0) return false;
        parts[2] = value; widths[2] = width;
        int year, month, day;
        if (widths[0] == 4) { year = parts[0]; month = parts[1]; day = parts[2]; }
        else { day = parts[0]; month = parts[1]; year = parts[2]; if (widths[2] == 2) year += year < 70 ? 2000 : 1900; }
        if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
