using Marsad.Analysis;
using Marsad.Text;
using Marsad.Extraction.Quantities;

namespace Marsad.Extraction.Times;

// Words relative to the dateline: أمس، أول أمس، اليوم، غدا، بعد غد، الليلة، حاليا، الأسبوع الماضي، الشهر المقبل،
// العام الجاري، هذا العام; to the text: ذلك العام، العام نفسه; seasons: الصيف الماضي، صيف 2017، هذا الشتاء.
public sealed partial class TimeRecognizer
{
    private static readonly System.Collections.Frozen.FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SeasonSpans =
        TimeLexicon.Seasons.GetAlternateLookup<ReadOnlySpan<char>>();

    private int Relative(int i)
    {
        var t = _t[i];
        var stem = ArticleForms.Bare(t);
        bool article = ArticleForms.Has(t);
        // ذلك العام، تلك السنة، العام نفسه، العام التالي: the year the text named last
        if (article && stem is "عام" or "سنة" && SameYear(i) is var same && same > i) return same;
        if (_dateline is not { } dl) return i;
        string norm = t.Norm;
        // أمس / بالأمس / أول أمس / أول من أمس / أمس الأول
        if (t.Stem == "امس" || (article && stem is "امس") || norm is "البارحه" or "البارحة")
        {
            int start = i, end = i + 1;
            int back = 1;
            if (i >= 1 && _t[i - 1].Stem == "اول") { start = i - 1; back = 2; }
            else if (i >= 2 && _t[i - 1].Norm == "من" && _t[i - 2].Stem == "اول") { start = i - 2; back = 2; }
            else if (i + 1 < _t.Count && _t[i + 1].Norm == "الاول") { end = i + 2; back = 2; }
            Emit(start, end, TimeValues.Day(dl.AddDays(-back)), "relative");
            return end;
        }
        if (IsToday(t))
        {
            // 1.5 مليون برميل في اليوم، ثلاث مرات في اليوم: "per day"
            if (i >= 2 && _t[i - 1].Norm == "في" && PerDayBefore(i - 2)) return i;
            // اليوم العالمي، اليوم الأول: "the day", not today
            if (i + 1 < _t.Count && _t[i + 1].Kind == TokenKind.ArabicWord && ArticleForms.Has(_t[i + 1])) return i;
            Emit(i, i + 1, TimeValues.Day(dl), "relative");
            return i + 1;
        }
        if (TimeTokens.In(TimeLexicon.PresentWords, t))
        {
            // يعاني حاليا من إصابة، يضم الاتحاد حاليا 27 دولة: "now", a count beside it or not
            Emit(i, i + 1, TimeValues.Day(dl), "relative");
            return i + 1;
        }
        if (t.Stem == "غدا" || (article && stem is "غد"))
        {
            int start = i, add = 1;
            if (i >= 1 && _t[i - 1].Stem == "بعد" && norm != "غدا") { start = i - 1; add = 2; }
            Emit(start, i + 1, TimeValues.Day(dl.AddDays(add)), "relative");
            return i + 1;
        }
        if (norm == "بعد" && i + 1 < _t.Count && _t[i + 1].Norm == "غد")
        {
            Emit(i, i + 2, TimeValues.Day(dl.AddDays(2)), "relative");
            return i + 2;
        }
        if (article && stem is "ليلة" && norm.StartsWith("ال", StringComparison.Ordinal))
        {
            if (i + 1 < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[i + 1].Norm, out int lm) && lm == -1)
            {
                Emit(i, i + 2, TimeValues.Day(dl.AddDays(-1)), "relative");
                return i + 2;
            }
            if (i + 1 < _t.Count && ArticleForms.Has(_t[i + 1])) return i;
            Emit(i, i + 1, TimeValues.Day(dl), "relative");
            return i + 1;
        }
        // الأسبوع/الشهر/العام/السنة + الماضي/المقبل/الجاري, or هذا/هذه + period
        if (!article || stem is not ("اسبوع" or "شهر" or "عام" or "سنة")) return i;
        int mod;
        int s = i, e;
        if (i + 1 < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[i + 1].Norm, out mod)) e = i + 2;
        else if (i >= 1 && TimeTokens.In(TimeLexicon.ThisWords, _t[i - 1])) { mod = 0; s = i - 1; e = i + 1; }
        else return i;
        int year = dl.Year;
        if (stem is "عام" or "سنة" && s == i)
        {
            // السنة الجارية آنذاك، العام الماضي حينها: counted from the year the text named last
            if (e < _t.Count && TimeTokens.In(TimeLexicon.ThenWords, _t[e]) && _resolve.LastYear(i) is > 0 and var then)
            {
                Emit(s, e + 1, TimeValues.Year(then + mod), "relative");
                return e + 1;
            }
            // «وفي عام 2010 قال الوزير إن صادرات العام الماضي تراجعت»: counted from the frame of the sentence
            if (_resolve.ReportedYear(i) is > 0 and var frame) year = frame;
        }
        string value = stem is "اسبوع" ? TimeValues.Week(dl.AddDays(7 * mod))
            : stem is "شهر" ? $"{dl.AddMonths(mod):yyyy-MM}"
            : TimeValues.Year(year + mod);
        Emit(s, e, value, "relative");
        return e;
    }

    /// <summary>ذلك العام، تلك السنة، نفس العام (i is the year noun) or العام نفسه، العام التالي: the text's last year (+1).</summary>
    private int SameYear(int i)
    {
        int start, end, add;
        if (i >= 1 && TimeLexicon.SameYearWords.TryGetValue(_t[i - 1].Stem, out add) && add == 0) { start = i - 1; end = i + 1; }
        else if (i + 1 < _t.Count && TimeLexicon.SameYearWords.TryGetValue(_t[i + 1].Norm, out add)) { start = i; end = i + 2; }
        else return i;
        int last = _resolve.LastYear(start);
        if (last == 0) return i;
        Emit(start, end, TimeValues.Year(last + add), "relative");
        return end;
    }

    /// <summary>
    /// A season with a modifier, a year or هذا: الصيف الماضي، الشتاء المقبل، صيف 2017، هذا الصيف → 2017-SU. الماضي is
    /// the last season of that name that has ended by the dateline's month, المقبل the next one not yet begun.
    /// </summary>
    private int Season(int i)
    {
        var t = _t[i];
        bool article = ArticleForms.Has(t);
        if (!SeasonSpans.TryGetValue(article ? ArticleForms.Bare(t) : t.Stem, out var code)) return i;
        // صيف 2017، شتاء عام 2016
        if (!article)
        {
            int j = i + 1;
            if (j < _t.Count && TimeTokens.In(TimeLexicon.YearWords, _t[j], article: true)) j++;
            if (!TryYear(j, out int y, out var cal, out int k, anyRange: false) || cal != CalendarKind.Gregorian) return i;
            Emit(i, k, TimeValues.Season(y, code), "absolute");
            return k;
        }
        if (_dateline is not { } dl) return i;
        int modifier = ModifierAt(i + 1);
        int start = i, end = i + 2;
        if (modifier == DatelineResolver.NoModifier)
        {
            if (i == 0 || !TimeTokens.In(TimeLexicon.ThisWords, _t[i - 1])) return i;
            modifier = 0;
            start = i - 1;
            end = i + 1;
        }
        // the months a season begins and ends in (winter: December to February, named by the year it begins)
        int first = code switch { "SP" => 3, "SU" => 6, "FA" => 9, _ => 12 };
        int year = modifier switch
        {
            -1 => code == "WI" ? (dl.Month >= 3 ? dl.Year - 1 : dl.Year - 2) : (first + 3 <= dl.Month ? dl.Year : dl.Year - 1),
            1 => first > dl.Month ? dl.Year : dl.Year + 1,
            _ => code == "WI" && dl.Month <= 2 ? dl.Year - 1 : dl.Year,
        };
        Emit(start, end, TimeValues.Season(year, code), "relative");
        return end;
    }

    private bool PerDayBefore(int k)
    {
        for (int j = k; j >= Math.Max(0, k - 2); j--)
            if (_t[j].Kind == TokenKind.Number || NumberWords.IsNumberWord(_t[j].Norm) || _t[j].Norm is "مرة" or "مرات" or "برميل" or "دولار" or "دولارا")
                return true;
        return false;
    }
}
