using System.Globalization;
using System.Text.RegularExpressions;
using Marsad.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marsad.Server.Features;

/// <summary>
/// Input checks shared by the endpoints. A <see cref="Checks"/> collects the first problem while the
/// values are read; the endpoint returns it as a 400 before touching the archive.
/// </summary>
internal static partial class Validate
{
    public const int MaxQueryChars = 500;
    public const int MaxFilterChars = 200;
    public const int MaxPage = 1000;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentIdRegex();

    // Entity keys: iso3166:MA, geonames:108410, or marsad:TYPE:normalised_name, and a name may hold
    // most punctuation ('#', '’', '&' in "C#", "O’Neill", "AT&T"): spaces, control characters, slashes, '%' and markup are refused.
    [GeneratedRegex(@"^[^\p{Cc}\s/\\<>""%]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityIdRegex();

    public static ProblemHttpResult? DocumentId(string id) =>
        DocumentIdRegex().IsMatch(id) ? null : Problems.BadRequest("A document id is 1 to 64 letters, digits, '-' or '_'.");

    public static ProblemHttpResult? EntityId(string id) =>
        EntityIdRegex().IsMatch(id) ? null : Problems.BadRequest("An entity id is 1 to 200 characters, without spaces, control characters, slashes, '%', '<', '>' or '\"'.");

    /// <summary>Free text: trimmed, control characters refused, length capped.</summary>
    public static ProblemHttpResult? Text(string? value, string name, int max, out string text)
    {
        text = (value ?? "").Trim();
        if (text.Length > max) return Problems.BadRequest($"'{name}' is {text.Length} characters long; the limit is {max}.");
        foreach (var c in text)
            if (char.IsControl(c)) return Problems.BadRequest($"'{name}' contains a control character.");
        return null;
    }

    public static ProblemHttpResult? OptionalText(string? value, string name, int max, out string? text)
    {
        var p = Text(value, name, max, out var t);
        text = t.Length == 0 ? null : t;
        return p;
    }

    /// <summary>
    /// A date bound: YYYY-MM-DD, YYYY-MM or YYYY. A partial "from" starts at the period's first day,
    /// a partial "to" ends at its last day, so <c>to=2024-03</c> includes all of March.
    /// </summary>
    public static ProblemHttpResult? Date(string? value, string name, bool end, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        var ci = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", ci, DateTimeStyles.None, out var d)) { date = d; return null; }
        if (DateOnly.TryParseExact(v + "-01", "yyyy-MM-dd", ci, DateTimeStyles.None, out d) && v.Length == 7)
        {
            date = end ? d.AddMonths(1).AddDays(-1) : d;
            return null;
        }
        if (v.Length == 4 && int.TryParse(v, NumberStyles.None, ci, out var y) && y is >= 1 and <= 9999)
        {
            date = end ? new DateOnly(y, 12, 31) : new DateOnly(y, 1, 1);
            return null;
        }
        return Problems.BadRequest($"'{name}' must be a date as YYYY-MM-DD, YYYY-MM or YYYY.");
    }

    public static ProblemHttpResult? Range(DateOnly? from, DateOnly? to) =>
        from is { } f && to is { } t && f > t ? Problems.BadRequest("'from' is after 'to'.") : null;

    public static ProblemHttpResult? Int(string? value, string name, int min, int max, int fallback, out int result)
    {
        result = fallback;
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) || result < min || result > max)
            return Problems.BadRequest($"'{name}' must be a whole number from {min} to {max}.");
        return null;
    }

    public static ProblemHttpResult? OneOf(string? value, string name, IReadOnlyCollection<string> allowed, out string? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value)) return null;
        result = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return result is null ? Problems.BadRequest($"'{name}' must be one of: {string.Join(", ", allowed)}.") : null;
    }
}

/// <summary>Reads request values one by one; the first invalid one becomes <see cref="Problem"/>.</summary>
internal sealed class Checks
{
    public ProblemHttpResult? Problem { get; private set; }

    private T Keep<T>(ProblemHttpResult? p, T value)
    {
        Problem ??= p;
        return value;
    }

    public string Text(string? value, string name, int max) => Keep(Validate.Text(value, name, max, out var t), t);
    public string? OptionalText(string? value, string name, int max) => Keep(Validate.OptionalText(value, name, max, out var t), t);
    public DateOnly? Date(string? value, string name, bool end) => Keep(Validate.Date(value, name, end, out var d), d);
    public int Int(string? value, string name, int min, int max, int fallback) => Keep(Validate.Int(value, name, min, max, fallback, out var i), i);
    public string? OneOf(string? value, string name, IReadOnlyCollection<string> allowed) => Keep(Validate.OneOf(value, name, allowed, out var r), r);
    public void Range(DateOnly? from, DateOnly? to) => Problem ??= Validate.Range(from, to);
    public void Add(ProblemHttpResult? p) => Problem ??= p;
}
