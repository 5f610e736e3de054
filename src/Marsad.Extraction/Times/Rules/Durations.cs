using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

// Durations counted from the dateline: منذ ثلاثة أيام، قبل يومين، بعد أسبوعين، منذ عام، قبل 5 سنوات.
public sealed partial class TimeRecognizer
{
    private int Duration(int i)
    {
        var head = _t[i];
        int sign = head.Stem switch { "منذ" or "قبل" => -1, "بعد" => 1, _ => 0 };
        if (sign == 0 || _dateline is not { } dl || i + 1 >= _t.Count) return i;
        int j = i + 1;
        long n;
        if (TimeLexicon.Units.TryGetValue(_t[j].Norm, out int unit) && unit < 0)
        {
            n = 2; unit = -unit; j++;                              // يومين، أسبوعين
        }
        else if (TimeLexicon.Units.TryGetValue(_t[j].Norm, out unit))
        {
            // منذ عام / قبل أسبوع: one unit, unless a year or a number follows (منذ عام 2019); منذ سنوات is vague
            if (TimeLexicon.PluralUnits.Contains(_t[j].Norm)) return i;
            if (j + 1 < _t.Count && _t[j + 1].Kind is TokenKind.Number or TokenKind.MixedWord) return i;
            n = 1; j++;
        }
        else
        {
            if (_t[j].Kind == TokenKind.Number && NumberParsing.TryParseInt(_t[j].Norm, out int dn)) { n = dn; j++; }
            else if (NumberWords.TryParse(_t, j, out var m) && !m.Approximate) { n = (long)m.Value; j += m.TokenCount; }
            else return i;
            if (j >= _t.Count || !TimeLexicon.Units.TryGetValue(_t[j].Norm, out unit) || unit < 0) return i;
            j++;
        }
        if (n is < 1 or > 1000) return i;
        // "بعد أربع سنوات" mostly counts from an event in the story, not from the dateline
        if (sign == 1 && !_resolve.IsFuture(i, j)) return i;
        // قبل يومين من الهجوم: relative to another event, not to the dateline
        if (sign == 1 || head.Stem == "قبل")
            if (j < _t.Count && _t[j].Norm is "من" or "على" or "علي") return i;
        string value;
        try
        {
            value = unit switch
            {
                1 => TimeValues.Day(dl.AddDays(sign * (int)n)),
                7 => TimeValues.Week(dl.AddDays(sign * 7 * (int)n)),
                30 => $"{dl.AddMonths(sign * (int)n):yyyy-MM}",
                _ => TimeValues.Year(dl.Year + sign * (int)n),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return i;
        }
        Emit(i, j, value, "relative");
        return j;
    }
}
