using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

// Numeric dates: 10/06/2023، ١٠/٦/٢٠٢٣، 10.06.2023، 5-1-2016، 2023-06-10، 06/2023; Hijri 1437/3/12، 15/06/1438،
// ٢٠/٩/١٤٣٥هـ، 7/1/1439 هـ; ranges من 5-1-2016 إلى 20-2-2016.
public sealed partial class TimeRecognizer
{
    /// <summary>The numbers of a numeric date, read off adjacent tokens (the tokenizer keeps 10/06/2023 whole but splits 5-1-2016).</summary>
    private ref struct NumericParts
    {
        public int A, B, C, LenA, LenB, LenC, Count;
        public bool Dashed;
        public int End;

        public bool Add(ReadOnlySpan<char> digits)
        {
            if (digits.IsEmpty || digits.Length > 4 || !TimeTokens.AllDigits(digits) || !NumberParsing.TryParseInt(digits, out int v)) return false;
            switch (Count++)
            {
                case 0: A = v; LenA = digits.Length; return true;
                case 1: B = v; LenB = digits.Length; return true;
                case 2: C = v; LenC = digits.Length; return true;
                default: return false;
            }
        }
    }

    /// <summary>
    /// A numeric date at <paramref name="i"/>. Day first (D/M/YYYY, D-M-YYYY, D/M/YY) or year first (YYYY/M/D);
    /// a year in the Umm al-Qura range (1318–1500) or an era word after it (هـ، هجري) makes it Hijri,
    /// converted to the Gregorian day. Two numbers (06/2023، 9/1439) are a month.
    /// </summary>
    private int NumericDate(int i)
    {
        if (!TryNumericParts(i, out var p)) return i;
        int end = p.End;
        CalendarKind? era = null;
        if (end < _t.Count && TimeLexicon.EraWords.TryGetValue(_t[end].Norm, out var e)) { era = e; end++; }
        if (p.Count == 2)
        {
            if (p.Dashed || p.LenA > 2 || p.LenB != 4 || p.A is < 1 or > 12) return i;
            if (era == CalendarKind.Hijri || (era is null && p.B is >= HijriCalendar.MinYear and <= HijriCalendar.MaxYear))
            {
                if (!HijriCalendar.TryMonth(p.B, p.A, out var first, out var last)) return i;
                Emit(i, end, TimeValues.Days(first, last), "absolute");
                return end;
            }
            if (p.B is < 1900 or > 2100) return i;
            Emit(i, end, TimeValues.Month(p.B, p.A), "absolute");
            return end;
        }
        if (!TryNumericDay(p, era, out var date)) return i;
        string anchor = i > 0 && IsDatelineWord(i - 1) ? "dateline" : "absolute";
        // a range of two numeric dates: من 10/06/2023 إلى 12/06/2023، بين 5-1-2016 و20-2-2016
        bool between = IsBetween(i - 1);
        if (IsConnector(end) && (between || !TimeTokens.IsWaw(_t[end])) && TryNumericParts(end + 1, out var q))
        {
            int end2 = q.End;
            CalendarKind? era2 = null;
            if (end2 < _t.Count && TimeLexicon.EraWords.TryGetValue(_t[end2].Norm, out var e2)) { era2 = e2; end2++; }
            if (q.Count == 3 && TryNumericDay(q, era2 ?? era, out var date2) && date2 > date)
            {
                Emit(i, end2, TimeValues.Days(date, date2), "absolute");
                return end2;
            }
        }
        Emit(i, end, TimeValues.Day(date), anchor);
        return end;
    }

    private bool IsDatelineWord(int k)
    {
        if (_t[k].Norm == ":" && k > 0) k--;
        return TimeTokens.In(TimeLexicon.DatelineWords, _t[k]);
    }

    /// <summary>Three numbers as a day: which is the year, and which calendar.</summary>
    private static bool TryNumericDay(in NumericParts p, CalendarKind? era, out DateOnly date)
    {
        date = default;
        if (p.Count != 3 || p.LenB > 2) return false;
        int y, d;
        if (p.LenA == 4 && p.LenC <= 2) { y = p.A; d = p.C; }
        else if (p.LenC == 4 && p.LenA <= 2) { y = p.C; d = p.A; }
        else if (p.LenC == 2 && p.LenA <= 2 && !p.Dashed && era is null) { y = p.C + (p.C < 70 ? 2000 : 1900); d = p.A; }
        else return false;
        bool hijri = era == CalendarKind.Hijri || (era is null && y is >= HijriCalendar.MinYear and <= HijriCalendar.MaxYear);
        if (hijri) return HijriCalendar.TryToGregorian(y, p.B, d, out date);
        return y is >= 1000 and <= 2200 && TimeValues.TryDate(y, p.B, d, out date);
    }

    /// <summary>
    /// The numbers of adjacent tokens from <paramref name="i"/>: a number (or و + digits) and more numbers joined
    /// by / . - without spaces; at most three, else it is no date (a phone number, a version).
    /// </summary>
    private bool TryNumericParts(int i, out NumericParts p)
    {
        p = default;
        if (i >= _t.Count) return false;
        int k = i;
        var t = _t[k];
        if (t.Kind == TokenKind.MixedWord)
        {
            ReadOnlySpan<char> s = t.Norm;
            if (s.Length < 2 || s[0] != 'و' || !TimeTokens.AllDigits(s[1..])) return false;
            // و5/1/2016: only as the start of a date, not a plain و10
            if (k + 1 >= _t.Count || _t[k].End != _t[k + 1].Start || _t[k + 1].Norm is not ("/" or "-" or ".")) return false;
            if (!p.Add(s[1..])) return false;
        }
        else if (t.Kind != TokenKind.Number || !AddNumberToken(ref p, t.Norm)) return false;
        while (k + 2 < _t.Count && _t[k + 1].Norm is "/" or "-" or "–" or "." && _t[k + 2].Kind == TokenKind.Number && Adjacent(k, k + 2))
        {
            if (_t[k + 1].Norm is "-" or "–") p.Dashed = true;
            if (!AddNumberToken(ref p, _t[k + 2].Norm)) return false;
            k += 2;
        }
        if (p.Count < 2) return false;
        p.End = k + 1;
        return true;
    }

    /// <summary>A number token's digits, split at / and . (10/06/2023 is one token).</summary>
    private static bool AddNumberToken(ref NumericParts p, ReadOnlySpan<char> s)
    {
        while (true)
        {
            int cut = s.IndexOfAny('/', '.');
            if (cut < 0) return p.Add(s);
            if (!p.Add(s[..cut])) return false;
            s = s[(cut + 1)..];
        }
    }
}
