using System.Globalization;

namespace Marsad.Extraction.Quantities;

/// <summary>Digit strings as the normaliser leaves them (Arabic-Indic digits already ASCII, ٫ → '.', ٬ → ',').</summary>
internal static class NumberParsing
{
    /// <summary>
    /// 120, 1,234.5, 3.5, 1.234.567 (dots as thousands when every group has three digits), 2,5 (a comma
    /// followed by other than three digits is a decimal comma). Refuses anything with other characters.
    /// </summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1])) return false;
        int commas = 0, dots = 0;
        foreach (char c in s)
        {
            if (c == ',') commas++;
            else if (c == '.') dots++;
            else if (!char.IsAsciiDigit(c)) return false;
        }
        Span<char> buf = stackalloc char[Math.Min(s.Length, 64)];
        if (s.Length > 64) return false;
        int n = 0;
        if (commas > 0 && dots <= 1 && GroupsOfThree(s, ','))
        {
            foreach (char c in s) if (c != ',') buf[n++] = c;        // 1,234.5
        }
        else if (dots > 1 && commas == 0 && GroupsOfThree(s, '.'))
        {
            foreach (char c in s) if (c != '.') buf[n++] = c;        // 1.234.567
        }
        else if (commas == 1 && dots == 0)
        {
            foreach (char c in s) buf[n++] = c == ',' ? '.' : c;     // 2,5
        }
        else if (commas == 0 && dots <= 1)
        {
            s.CopyTo(buf);
            n = s.Length;
        }
        else
        {
            return false;
        }
        return double.TryParse(buf[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when every group after the first separator has exactly three digits (up to a '.' decimal part).</summary>
    private static bool GroupsOfThree(ReadOnlySpan<char> s, char sep)
    {
        int first = s.IndexOf(sep);
        if (first is < 1 or > 3) return false;
        int run = 0;
        bool inGroups = false;
        for (int i = first; i < s.Length; i++)
        {
            char c = s[i];
            if (c == sep)
            {
                if (inGroups && run != 3) return false;
                inGroups = true;
                run = 0;
            }
            else if (c == '.' && sep == ',')
            {
                return run == 3;
            }
            else
            {
                run++;
            }
        }
        return run == 3;
    }

    /// <summary>An all-digit string (no separators) as an integer; false when longer than 9 digits.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9) return false;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
