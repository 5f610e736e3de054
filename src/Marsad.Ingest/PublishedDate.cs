using System.Globalization;

namespace Marsad.Ingest;

/// <summary>
/// Reads publication dates as feeds, pages and archives write them: RFC 1123 / RFC 822
/// (<c>Sun, 18 Feb 2018 21:35:43 +0400</c>, also with GMT or a zone name), ISO 8601
/// (<c>2018-02-18T21:35:43+04:00</c>, <c>2018-02-18</c>), Unix seconds, and the numeric datelines
/// of <see cref="Dateline"/>. The date is the one the publisher wrote (the local date at its offset).
/// </summary>
public static class PublishedDate
{
    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm zzz",
        "ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss", "ddd, d MMM yyyy", "d MMM yyyy",
    ];

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.Length > 64) return false;
        if (s.Length >= 8 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[3]) && s[4] == '-')
        {
            // ISO: keep the written local date, whatever the offset.
            if (DateOnly.TryParseExact(s.AsSpan(0, Math.Min(10, s.Length)), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                return true;
            if (DateOnly.TryParseExact(s.AsSpan(0, Math.Min(7, s.Length)), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                return true;
        }
        if (s.All(char.IsAsciiDigit) && s.Length is 9 or 10 && long.TryParse(s, out long unix))
        {
            date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime);
            return true;
        }
        string rfc = NormalizeZone(s);
        if (DateTimeOffset.TryParseExact(rfc, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var dto))
        {
            date = DateOnly.FromDateTime(dto.DateTime);
            return true;
        }
        if (Dateline.TryParseNumericDate(s, out date)) return true;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out dto))
        {
            date = DateOnly.FromDateTime(dto.DateTime);
            return true;
        }
        return false;
    }

    /// <summary>"+0400" → "+04:00"; "GMT", "UT", "Z" → "+00:00"; US zone names → offsets; so "zzz" parses.</summary>
    private static string NormalizeZone(string s)
    {
        int sp = s.LastIndexOf(' ');
        if (sp < 0) return s;
        var zone = s.AsSpan(sp + 1);
        string? offset = zone switch
        {
            "GMT" or "UT" or "UTC" or "Z" => "+00:00",
            "EST" => "-05:00", "EDT" => "-04:00", "CST" => "-06:00", "CDT" => "-05:00",
            "MST" => "-07:00", "MDT" => "-06:00", "PST" => "-08:00", "PDT" => "-07:00",
            _ => null,
        };
        if (offset is null && zone.Length == 5 && zone[0] is '+' or '-' && zone[1..].ContainsOnlyAsciiDigits())
            offset = string.Concat(zone[..3], ":", zone[3..]);
        return offset is null ? s : string.Concat(s.AsSpan(0, sp + 1), offset);
    }

    private static bool ContainsOnlyAsciiDigits(this ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
