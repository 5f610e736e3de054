using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Times;

// Weekdays: الخميس، يوم الخميس، الخميس الماضي، الأحد المقبل، اليوم الخميس، الخميس 8 يونيو 2023، الاثنين الـ3 من شهر
// محرم 1439 هـ; two weekdays: ليل الأربعاء الخميس، من يوم الأحد المقبل وحتى يوم الخميس.
public sealed partial class TimeRecognizer
{
    /// <summary>The weekday written before a date being read, which a date without a year must agree with.</summary>
    private DayOfWeek? _weekday;

    private int Weekday(int i)
    {
        int w = i;
        bool today = false;
        if (TimeTokens.In(TimeLexicon.DayWords, _t[i])) w = i + 1;
        else if (IsToday(_t[i]) && i + 1 < _t.Count && TimeTokens.IsWeekday(_t[i + 1], out _)) { w = i + 1; today = true; }
        if (w >= _t.Count || !IsWeekdayAt(w, out var dow)) return i;
        int k = w + 1;
        // an explicit date after the weekday wins: الخميس 8 يونيو 2023، الخميس الموافق 8 يونيو، الاثنين الـ3 من شهر محرم 1439 هـ
        int j = k;
        if (j < _t.Count && _t[j].Norm is "،" or "," or "الموافق" or "(") j++;
        if (j < _t.Count && _t[j].Norm == "الموافق") j++;
        int save = _out.Count;
        if (j < _t.Count)
        {
            _weekday = dow; // الخميس 19 يوليو: the year in which 19 July is a Thursday
            int end = DayMonth(j);
            _weekday = null;
            if (end == j) end = NumericDate(j);
            if (end > j && _out.Count == save + 1)
            {
                var inner = _out[save];
                _out.RemoveAt(save);
                if (end < _t.Count && _t[end].Norm == ")" && _t[j - 1].Norm == "(") end++;
                Emit(i, end, inner.Value, inner.Anchor);
                return end;
            }
            Rollback(save);
        }
        if (_dateline is not { } dl) return i;
        int modifier = ModifierAt(k);
        if (modifier == 0) modifier = DatelineResolver.NoModifier;
        if (modifier != DatelineResolver.NoModifier) k++;
        var date = today ? dl : _resolve.Weekday(dl, dow, modifier, i, k);
        // ليل الأربعاء الخميس: the night from one day to the next
        if (k == w + 1 && k < _t.Count && _t[k].Norm.StartsWith("ال", StringComparison.Ordinal) && IsWeekdayAt(k, out var dow2) && dow2 == (DayOfWeek)(((int)dow + 1) % 7))
        {
            Emit(i, k + 1, TimeValues.Days(date, date.AddDays(1)), "relative");
            return k + 1;
        }
        // من يوم الأحد المقبل وحتى يوم الخميس: the second weekday is the first such day after the first
        if (IsConnector(k) && !TimeTokens.IsWaw(_t[k]))
        {
            int w2 = k + 1;
            if (w2 < _t.Count && TimeTokens.In(TimeLexicon.DayWords, _t[w2])) w2++;
            if (w2 < _t.Count && IsWeekdayAt(w2, out var dowEnd))
            {
                int ahead = ((int)dowEnd - (int)dow + 7) % 7;
                if (ahead > 0)
                {
                    Emit(i, w2 + 1, TimeValues.Days(date, date.AddDays(ahead)), "relative");
                    return w2 + 1;
                }
            }
        }
        Emit(i, k, TimeValues.Day(date), "relative");
        return k;
    }

    /// <summary>A weekday at <paramref name="w"/>, not الأحد عشر (eleven) nor الاثنين "the two" (بين الاثنين، الاثنين معا).</summary>
    private bool IsWeekdayAt(int w, out DayOfWeek dow)
    {
        if (!TimeTokens.IsWeekday(_t[w], out dow)) return false;
        if (w + 1 < _t.Count && _t[w + 1].Norm is "عشر" or "عشرة") return false;
        if (dow == DayOfWeek.Monday && ((w > 0 && _t[w - 1].Norm is "بين" or "كلا" or "هذين") || (w + 1 < _t.Count && _t[w + 1].Norm is "معا" or "معًا")))
            return false;
        return true;
    }

    /// <summary>اليوم، واليوم (not لليوم، باليوم).</summary>
    private static bool IsToday(WordToken t) =>
        t.Norm == "اليوم" || (t.Stem == "يوم" && t.HasArticle && (t.Proclitics & ~(Proclitics.Article | Proclitics.Waw | Proclitics.Fa)) == 0);
}
