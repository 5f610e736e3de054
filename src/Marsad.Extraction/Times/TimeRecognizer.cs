using System.Collections.Frozen;
using System.Globalization;
using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

/// <summary>
/// Finds time expressions in a document's tokens and normalises them to ISO 8601. One pass over the
/// tokens: a token is looked at further only when it is a number or one of the lexicon words
/// (<see cref="TimeLexicon"/>), and only then are its neighbours inspected.
/// </summary>
/// <remarks>
/// Resolution against the dateline (<c>published</c>): weekdays take the most recent such day on or
/// before it, or the next one after it when the sentence speaks of the future (سوف، سـ + verb، المقبل …);
/// a day and month without a year take the year of the most recent (or, for the future, the next)
/// occurrence. Without a dateline those expressions are skipped. Spans run from the first word of
/// the expression to its last, without a leading preposition (في، من، بين) or proclitic (و، ب).
/// </remarks>
public sealed class TimeRecognizer
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TriggerSpans = TimeLexicon.Triggers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, DayOfWeek>.AlternateLookup<ReadOnlySpan<char>> WeekdaySpans = TimeLexicon.Weekdays.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, MonthName>.AlternateLookup<ReadOnlySpan<char>> MonthSpans = TimeLexicon.Months.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;
    private readonly IReadOnlyList<WordToken> _t;
    private readonly DateOnly? _dateline;
    private readonly List<TimeAnnotation> _out;

    private TimeRecognizer(string text, IReadOnlyList<WordToken> tokens, DateOnly? dateline, List<TimeAnnotation> output)
    {
        _text = text;
        _t = tokens;
        _dateline = dateline;
        _out = output;
    }

    /// <summary>Adds the time expressions of <paramref name="tokens"/> to <paramref name="output"/>, in text order.</summary>
    public static void Recognize(string text, IReadOnlyList<WordToken> tokens, DateOnly? dateline, List<TimeAnnotation> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(output);
        new TimeRecognizer(text, tokens, dateline, output).Run();
    }

    private void Run()
    {
        int i = 0;
        while (i < _t.Count)
        {
            int end = TryAt(i);
            i = end > i ? end : i + 1;
        }
    }

    /// <summary>Tries every expression that can start at token <paramref name="i"/>; returns the token after it, or <paramref name="i"/>.</summary>
    private int TryAt(int i)
    {
        var t = _t[i];
        int end;
        if (t.Kind is TokenKind.Number or TokenKind.MixedWord)
        {
            if ((end = NumericDate(i)) > i) return end;
            if ((end = DayMonth(i)) > i) return end;
            if ((end = BareYear(i)) > i) return end;
            return i;
        }
        if (t.Kind != TokenKind.ArabicWord) return i;
        // one or two set look-ups reject nearly every word
        if (!TimeLexicon.Triggers.Contains(t.Norm))
        {
            var bare = ArticleForms.Bare(t);
            if (bare.Length == t.Norm.Length || !TriggerSpans.Contains(bare)) return i;
        }
        if ((end = Weekday(i)) > i) return end;
        if ((end = DayMonth(i)) > i) return end;       // ordinal day: الأول من مارس
        if ((end = MonthYear(i)) > i) return end;
        if ((end = YearWord(i)) > i) return end;
        if ((end = Relative(i)) > i) return end;
        if ((end = Duration(i)) > i) return end;
        return i;
    }

    // ---------------------------------------------------------------- absolute dates

    /// <summary>10/06/2023, ١٠/٦/٢٠٢٣, 10.06.2023, 2023/06/10 (one token) or 2023-06-10 (five tokens); 06/2023.</summary>
    private int NumericDate(int i)
    {
        var t = _t[i];
        if (t.Kind != TokenKind.Number) return i;
        int end;
        DateOnly date;
        if (t.Norm.Contains('/') || t.Norm.Contains('.'))
        {
            var parts = t.Norm.Split('/', '.');
            if (parts.Length == 2 && parts[1].Length == 4 && int.TryParse(parts[0], out int mm) && int.TryParse(parts[1], out int yy)
                && mm is >= 1 and <= 12 && yy is >= 1900 and <= 2100 && parts[0].Length <= 2)
            {
                Emit(i, i + 1, $"{yy:D4}-{mm:D2}", "absolute");
                return i + 1;
            }
            if (parts.Length != 3 || !TryYmd(parts[0], parts[1], parts[2], out date)) return i;
            end = i + 1;
        }
        else if (t.Norm.Length == 4 && i + 4 < _t.Count && IsDash(_t[i + 1]) && _t[i + 2].Kind == TokenKind.Number
                 && IsDash(_t[i + 3]) && _t[i + 4].Kind == TokenKind.Number && Adjacent(i, i + 4))
        {
            if (!TryYmd(t.Norm, _t[i + 2].Norm, _t[i + 4].Norm, out date)) return i;
            end = i + 5;
        }
        else if (t.Norm.Length <= 2 && i + 4 < _t.Count && IsDash(_t[i + 1]) && _t[i + 2].Kind == TokenKind.Number
                 && IsDash(_t[i + 3]) && _t[i + 4].Kind == TokenKind.Number && _t[i + 4].Norm.Length == 4 && Adjacent(i, i + 4))
        {
            if (!TryYmd(t.Norm, _t[i + 2].Norm, _t[i + 4].Norm, out date)) return i;
            end = i + 5;
        }
        else
        {
            return i;
        }
        string anchor = i > 0 && TimeLexicon.DatelineWords.Contains(Word(i - 1, skipColon: true)) ? "dateline" : "absolute";
        // a range of two numeric dates: من 10/06/2023 إلى 12/06/2023
        if (IsConnector(end) && end + 1 < _t.Count && _t[end + 1].Kind == TokenKind.Number && _t[end].Norm != "و")
        {
            var p = _t[end + 1].Norm.Split('/', '.');
            if (p.Length == 3 && TryYmd(p[0], p[1], p[2], out var date2) && date2 > date)
            {
                Emit(i, end + 2, Iso(date) + "/" + Iso(date2), "absolute");
                return end + 2;
            }
        }
        Emit(i, end, Iso(date), anchor);
        return end;
    }

    /// <summary>Day first (d, m, y) or year first (y, m, d), both validated.</summary>
    private static bool TryYmd(string a, string b, string c, out DateOnly date)
    {
        date = default;
        if (!NumberParsing.TryParseInt(a, out int x) || !NumberParsing.TryParseInt(b, out int m) || !NumberParsing.TryParseInt(c, out int z))
            return false;
        int y, d;
        if (a.Length == 4) { y = x; d = z; if (c.Length > 2) return false; }
        else if (c.Length == 4 && a.Length <= 2) { y = z; d = x; }
        else if (c.Length == 2 && a.Length <= 2) { y = z + (z < 70 ? 2000 : 1900); d = x; }
        else return false;
        if (b.Length > 2) return false;
        return TryDate(y, m, d, out date);
    }

    /// <summary>
    /// Day (and optional second day) + month + optional year: 11 مايو 2022، 1 و 2 مارس 2023، من 5 إلى 7 مايو،
    /// الأول من مارس، 15 رمضان 1444 هـ، and cross-month ranges من 5 مايو إلى 7 يونيو 2023.
    /// </summary>
    private int DayMonth(int i)
    {
        if (!TryDay(i, out int d1, out int j)) return i;
        int d2 = 0;
        // a second day: 1 و 2 مارس، 1 و2 مارس، من 5 إلى 7 مايو، 5-7 مايو
        if (j < _t.Count && TryWawDigits(_t[j], out int wd) && wd is >= 1 and <= 31)
        {
            d2 = wd;
            j++;
        }
        else if (IsConnector(j) && TryDay(j + 1, out int dd, out int j2) && dd > d1)
        {
            d2 = dd;
            j = j2;
        }
        if (!TryMonth(j, out var month, out int k)) return i;
        int y = 0;
        bool relative = false;
        if (TryYearAfterMonth(k, month.Calendar, out int year, out int k2))
        {
            y = year;
            k = k2;
        }
        else if (TryRelativeYearPhrase(k, out int ry, out int k3) && month.Calendar == CalendarKind.Gregorian)
        {
            y = ry; // 11 مايو من العام الماضي
            k = k3;
            relative = true;
        }
        // مدينة 6 أكتوبر، ثورة 25 يناير: a name; the same words with a year are a date
        if (y == 0 && i > 0 && TimeLexicon.DateNameHeads.Contains(_t[i - 1].Norm)) return i;
        // A second date after this one: a range (من 5 مايو إلى 7 يونيو 2023، بين 3 مايو و10 يونيو 2021)
        // or, after a bare و, a list whose year serves both (5 مايو و10 يونيو 2021).
        if (d2 == 0 && k < _t.Count && month.Calendar == CalendarKind.Gregorian)
        {
            bool between = i >= 1 && _t[i - 1].Norm is "بين" or "وبين";
            int second = -1;
            bool range = false;
            if (IsConnector(k) && _t[k].Norm != "و") { second = k + 1; range = true; }
            else if (_t[k].Norm == "و") { second = k + 1; range = between; }
            else if (TryWawDigits(_t[k], out _)) { second = k; range = between; }
            if (second >= 0 && second < _t.Count && (range || y == 0))
            {
                int save = _out.Count;
                int end2 = DayMonth(second);
                if (end2 > second && _out.Count == save + 1 && _out[save].Value.Length == 10)
                {
                    var other = _out[save];
                    var date2 = DateOnly.ParseExact(other.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    int y1 = y != 0 ? y : (month.Month <= date2.Month ? date2.Year : date2.Year - 1);
                    if (TryDate(y1, month.Month, d1, out var first) && (!range || first < date2))
                    {
                        string anchor1 = y != 0 && !relative ? "absolute" : other.Anchor;
                        if (range)
                        {
                            _out.RemoveAt(save);
                            Emit(i, end2, Iso(first) + "/" + Iso(date2), anchor1 == "absolute" && other.Anchor == "absolute" ? "absolute" : "relative");
                        }
                        else
                        {
                            _out.Insert(save, Make(i, k, Iso(first), anchor1));
                        }
                        return end2;
                    }
                }
                while (_out.Count > save) _out.RemoveAt(_out.Count - 1);
            }
        }
        if (month.Calendar == CalendarKind.Hijri)
            return EmitHijriDay(i, k, y, month.Month, d1, d2);
        if (y == 0)
        {
            if (_dateline is not { } dl) return i;
            y = ResolveYear(dl, month.Month, d1, i, k);
            if (y == 0) return i;
            relative = true;
        }
        if (!TryDate(y, month.Month, d1, out var from)) return i;
        string anchor = relative ? "relative" : "absolute";
        if (d2 > 0)
        {
            if (!TryDate(y, month.Month, d2, out var to)) return i;
            Emit(i, k, Iso(from) + "/" + Iso(to), anchor);
        }
        else
        {
            Emit(i, k, Iso(from), anchor);
        }
        return k;
    }

    /// <summary>
    /// The year of a day and month written without one: the next occurrence when the sentence speaks of the
    /// future, the most recent when a past auxiliary (كان، كانت) says so; otherwise the most recent, unless
    /// the next one is close (≤ 60 days ahead) and the last one far (over 180 days back): news rarely names
    /// a date from most of a year ago without its year, but often an upcoming one.
    /// </summary>
    private int ResolveYear(DateOnly dl, int month, int day, int from, int to)
    {
        bool pastWord = HasPastAuxiliary(from);
        bool future = !pastWord && IsFuture(from, to);
        DateOnly? past = null, next = null;
        for (int y = dl.Year - 1; y <= dl.Year + 1; y++)
        {
            if (!TryDate(y, month, day, out var d)) continue;
            if (d <= dl) past = d;
            else next ??= d;
        }
        if (future) return next?.Year ?? 0;
        if (pastWord || next is null) return past?.Year ?? 0;
        if (past is null) return next.Value.Year;
        int ahead = next.Value.DayNumber - dl.DayNumber, back = dl.DayNumber - past.Value.DayNumber;
        return ahead <= 60 && back > 180 ? next.Value.Year : past.Value.Year;
    }

    /// <summary>كان/كانت shortly before: the sentence is set in the past even if it says مقررة or سـ.</summary>
    private bool HasPastAuxiliary(int from)
    {
        int sentence = _t[from].Sentence;
        for (int k = from - 1; k >= Math.Max(0, from - 6) && _t[k].Sentence == sentence; k--)
            if (_t[k].Norm is "كان" or "كانت" or "وكان" or "وكانت" or "كانوا" or "وكانوا") return true;
        return false;
    }

    private int EmitHijriDay(int i, int end, int hy, int hm, int d1, int d2)
    {
        if (hy == 0)
        {
            if (_dateline is not { } dl || !TryToHijri(dl, out var today)) return i;
            hy = today.Year;
            if ((hm, d1).CompareTo((today.Month, today.Day)) > 0 && !IsFuture(i, end)) hy--;
        }
        if (!TryFromHijri(hy, hm, d1, out var from)) return i;
        if (d2 > 0)
        {
            if (!TryFromHijri(hy, hm, d2, out var to)) return i;
            Emit(i, end, Iso(from) + "/" + Iso(to), "absolute");
        }
        else
        {
            Emit(i, end, Iso(from), "absolute");
        }
        return end;
    }

    /// <summary>
    /// Month + year (مايو 2022، آذار/مارس 2023، رمضان 1444 هـ), a month range (من مارس إلى مايو 2023), or a month
    /// alone in a clear context (في يناير الماضي، رمضان المقبل، خلال شهر رمضان).
    /// </summary>
    private int MonthYear(int i)
    {
        if (!TryMonth(i, out var month, out int k)) return i;
        if (TryYearAfterMonth(k, month.Calendar, out int year, out int k2))
        {
            if (month.Calendar == CalendarKind.Hijri)
                return EmitHijriMonth(i, k2, year, month.Month, "absolute");
            Emit(i, k2, $"{year:D4}-{month.Month:D2}", "absolute");
            return k2;
        }
        if (month.Calendar == CalendarKind.Gregorian && MonthRange(i, month, k) is var r && r > i) return r;
        if (_dateline is not { } dl) return i;
        // A month without a year: only after شهر / a time preposition, or with الماضي/المقبل after it.
        int modifier = k < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[k].Norm, out int mv) ? mv : 2;
        string prev = i > 0 ? _t[i - 1].Norm : "";
        bool afterMonthWord = prev is "شهر" or "لشهر" or "بشهر" || (prev == "من" && i > 1 && _t[i - 2].Norm is "شهر");
        bool context = modifier != 2 || afterMonthWord || (!month.Ambiguous && TimeLexicon.YearPrepositions.Contains(prev));
        if (!context) return i;
        bool pastWord = modifier == 2 && HasPastAuxiliary(i);
        bool future = modifier == 1 || (modifier == 2 && !pastWord && IsFuture(i, k));
        int end = modifier != 2 ? k + 1 : k;
        if (month.Calendar == CalendarKind.Hijri)
        {
            if (!TryToHijri(dl, out var today)) return i;
            int hy = NearestYear(today.Year, today.Month, month.Month, modifier, future, pastWord);
            return EmitHijriMonth(i, end, hy, month.Month, "relative");
        }
        Emit(i, end, $"{NearestYear(dl.Year, dl.Month, month.Month, modifier, future, pastWord):D4}-{month.Month:D2}", "relative");
        return end;
    }

    /// <summary>
    /// The year of a month named without one, seen from the dateline's year and month (in the month's own calendar):
    /// الماضي the last one before this month, المقبل the next one after it, الجاري this one; otherwise the next
    /// occurrence when the sentence speaks of the future, else the most recent, unless the month is just ahead
    /// (≤ 2 months): as for days, news names a coming month without its year more often than one most of a year ago.
    /// </summary>
    private static int NearestYear(int year, int current, int month, int modifier, bool future, bool pastWord) => modifier switch
    {
        -1 => month >= current ? year - 1 : year,
        1 => month <= current ? year + 1 : year,
        0 => year,
        _ when future => month < current ? year + 1 : year,
        _ => month > current && (pastWord || month - current > 2) ? year - 1 : year,
    };

    /// <summary>A whole Hijri month as the range of its first and last Gregorian days.</summary>
    private int EmitHijriMonth(int i, int end, int year, int month, string anchor)
    {
        if (!TryFromHijri(year, month, 1, out var first)) return i;
        int days = UmAlQura.GetDaysInMonth(year, month);
        Emit(i, end, Iso(first) + "/" + Iso(first.AddDays(days - 1)), anchor);
        return end;
    }

    /// <summary>
    /// A second month after a month written without its year: a range (من مارس إلى مايو 2023، بين مارس ومايو 2023،
    /// شهري مارس وأبريل 2023، مارس - مايو 2023) or, after a bare و, a list whose year serves both (في مارس ومايو 2023).
    /// The first month takes the second's year, or the year before when it comes later in the calendar
    /// (من نوفمبر إلى فبراير 2023). Returns the token after the expression, or <paramref name="i"/>.
    /// </summary>
    private int MonthRange(int i, MonthName first, int k)
    {
        if (k >= _t.Count) return i;
        bool between = i >= 1 && _t[i - 1].Norm is "بين" or "وبين" or "شهري" or "لشهري" or "خلال";
        int second;
        bool range;
        if (IsConnector(k) && _t[k].Norm != "و") { second = k + 1; range = true; }
        else if (_t[k].Norm == "و") { second = k + 1; range = between; }
        else if (_t[k].Norm.Length > 3 && _t[k].Norm[0] == 'و' && TryMonthWord(k, out _, out _)) { second = k; range = between; }
        else return i;
        if (second >= _t.Count) return i;
        int save = _out.Count;
        int end2 = MonthYear(second);
        if (end2 > second && _out.Count == save + 1 && _out[save].Value is { Length: 7 } v2)
        {
            var other = _out[save];
            int y2 = int.Parse(v2.AsSpan(0, 4), CultureInfo.InvariantCulture);
            int m2 = int.Parse(v2.AsSpan(5, 2), CultureInfo.InvariantCulture);
            int y1 = first.Month <= m2 ? y2 : y2 - 1;
            if (!range)
            {
                _out.Insert(save, Make(i, k, $"{y1:D4}-{first.Month:D2}", other.Anchor));
                return end2;
            }
            if (first.Month != m2)
            {
                _out.RemoveAt(save);
                Emit(i, end2, $"{y1:D4}-{first.Month:D2}/{v2}", other.Anchor);
                return end2;
            }
        }
        while (_out.Count > save) _out.RemoveAt(_out.Count - 1);
        return i;
    }

    /// <summary>عام 2022، سنة 2022م، العام 2022، عامي 2019 و2021، من عام 2019 إلى عام 2021، عام 1444 هـ.</summary>
    private int YearWord(int i)
    {
        if (!TimeLexicon.YearWords.Contains(_t[i].Norm)) return i;
        if (!TryYear(i + 1, out int y1, out var cal, out int k, anyRange: true)) return i;
        return EmitYearOrRange(i, k, y1, cal);
    }

    /// <summary>A year without a year word: في 2019، منذ 2011، 2022م، بين 2019 و2021، من 2019 إلى 2021، 2019-2021.</summary>
    private int BareYear(int i)
    {
        if (!TryYear(i, out int y, out var cal, out int k, anyRange: false)) return i;
        bool suffixed = k > i + 1 || (_t[i].Kind == TokenKind.MixedWord);
        string prev = i > 0 ? _t[i - 1].Norm : "";
        bool prep = TimeLexicon.YearPrepositions.Contains(prev);
        bool between = prev is "بين" or "من" or "ما";
        if (!suffixed && !prep && !between && !IsRangeAhead(k)) return i;
        if (!suffixed && y is < 1900 or > 2100) return i;
        if (between && !prep && !suffixed && !IsRangeAhead(k)) return i;
        return EmitYearOrRange(i, k, y, cal);
    }

    private bool IsRangeAhead(int k) =>
        IsConnector(k) && k + 1 < _t.Count && TryYear(k + 1, out _, out _, out _, anyRange: false) || (k < _t.Count && TryWawYear(_t[k], out _));

    private int EmitYearOrRange(int i, int k, int y1, CalendarKind cal)
    {
        // second year: و2021 / و 2021 / إلى 2021 / - 2021 / إلى عام 2021
        int y2 = 0, end = k;
        if (k < _t.Count && TryWawYear(_t[k], out int wy)) { y2 = wy; end = k + 1; }
        else if (IsConnector(k))
        {
            int j = k + 1;
            if (j < _t.Count && TimeLexicon.YearWords.Contains(_t[j].Norm)) j++;
            if (TryYear(j, out int yy, out var cal2, out int e2, anyRange: false) && cal2 == cal) { y2 = yy; end = e2; }
        }
        if (y2 != 0 && y2 <= y1) y2 = 0;
        if (y2 == 0) end = k;
        if (cal == CalendarKind.Hijri)
        {
            if (!TryFromHijri(y1, 1, 1, out var from)) return i;
            int last = y2 != 0 ? y2 : y1;
            if (!TryFromHijri(last, 12, UmAlQura.GetDaysInMonth(last, 12), out var to)) return i;
            Emit(i, end, Iso(from) + "/" + Iso(to), "absolute");
            return end;
        }
        Emit(i, end, y2 != 0 ? $"{y1:D4}/{y2:D4}" : $"{y1:D4}", "absolute");
        return end;
    }

    // ---------------------------------------------------------------- relative to the dateline

    /// <summary>الخميس، يوم الخميس، الخميس الماضي، الأحد المقبل، اليوم الخميس، الخميس 8 يونيو 2023.</summary>
    private int Weekday(int i)
    {
        int w = i;
        bool today = false;
        if (_t[i].Norm is "يوم" or "ويوم") w = i + 1;
        else if (IsToday(_t[i]) && i + 1 < _t.Count && IsWeekday(_t[i + 1], out _)) { w = i + 1; today = true; }
        if (w >= _t.Count || !IsWeekday(_t[w], out var dow)) return i;
        // الأحد عشر، الاثنا عشر: a number, not a weekday; بين الاثنين / كلا الاثنين / الاثنين معا: "the two"
        if (w + 1 < _t.Count && _t[w + 1].Norm is "عشر" or "عشرة") return i;
        if (dow == DayOfWeek.Monday && ((w > 0 && _t[w - 1].Norm is "بين" or "كلا" or "هذين") || (w + 1 < _t.Count && _t[w + 1].Norm is "معا" or "معًا")))
            return i;
        int k = w + 1;
        // an explicit date after the weekday wins: الخميس 8 يونيو 2023، الخميس الموافق 8 يونيو
        int j = k;
        if (j < _t.Count && _t[j].Norm is "،" or "," or "الموافق" or "(") j++;
        if (j < _t.Count && _t[j].Norm == "الموافق") j++;
        int save = _out.Count;
        if (j < _t.Count)
        {
            int end = DayMonth(j);
            if (end == j) end = NumericDate(j);
            if (end > j && _out.Count == save + 1)
            {
                var inner = _out[save];
                _out.RemoveAt(save);
                if (end < _t.Count && _t[end].Norm == ")" && _t[j - 1].Norm == "(") end++;
                Emit(i, end, inner.Value, inner.Anchor);
                return end;
            }
            while (_out.Count > save) _out.RemoveAt(_out.Count - 1);
        }
        if (_dateline is not { } dl) return i;
        int modifier = k < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[k].Norm, out int mv) ? mv : 2;
        if (modifier == 0) modifier = 2;
        if (modifier != 2) k++;
        DateOnly date;
        if (today) date = dl;
        else if (modifier == -1) date = dl.AddDays(-(((int)dl.DayOfWeek - (int)dow + 6) % 7 + 1));
        else if (modifier == 1 || IsFuture(i, k)) date = dl.AddDays(((int)dow - (int)dl.DayOfWeek + 6) % 7 + 1);
        else date = dl.AddDays(-(((int)dl.DayOfWeek - (int)dow + 7) % 7));
        Emit(i, k, Iso(date), "relative");
        return k;
    }

    private static bool IsWeekday(WordToken t, out DayOfWeek dow)
    {
        dow = default;
        if (t.Kind != TokenKind.ArabicWord || !ArticleForms.Has(t)) return false;
        if (!WeekdaySpans.TryGetValue(ArticleForms.Bare(t), out dow)) return false;
        // الأحد is also "the one" and الاثنين "the two": only as nouns on their own (not الاثنين معا / كلا الاثنين)
        return true;
    }

    private bool PerDayBefore(int k)
    {
        for (int j = k; j >= Math.Max(0, k - 2); j--)
            if (_t[j].Kind == TokenKind.Number || NumberWords.IsNumberWord(_t[j].Norm) || _t[j].Norm is "مرة" or "مرات" or "برميل" or "دولار" or "دولارا")
                return true;
        return false;
    }

    private static bool IsToday(WordToken t) => t.Norm is "اليوم" or "واليوم";

    /// <summary>أمس، أول أمس، اليوم، غدا، بعد غد، الليلة، الأسبوع الماضي، الشهر المقبل، العام الجاري، هذا العام.</summary>
    private int Relative(int i)
    {
        if (_dateline is not { } dl) return i;
        var t = _t[i];
        var stem = ArticleForms.Bare(t);
        bool article = ArticleForms.Has(t);
        string norm = t.Norm;
        // أمس / بالأمس / أول أمس / أول من أمس / أمس الأول
        if (norm is "امس" or "وامس" || (article && stem is "امس") || norm == "البارحه" || norm == "البارحة")
        {
            int start = i, end = i + 1;
            int back = 1;
            if (i >= 1 && _t[i - 1].Norm is "اول" or "واول") { start = i - 1; back = 2; }
            else if (i >= 2 && _t[i - 1].Norm == "من" && _t[i - 2].Norm is "اول" or "واول") { start = i - 2; back = 2; }
            else if (i + 1 < _t.Count && _t[i + 1].Norm == "الاول") { end = i + 2; back = 2; }
            Emit(start, end, Iso(dl.AddDays(-back)), "relative");
            return end;
        }
        if (IsToday(t))
        {
            // 1.5 مليون برميل في اليوم، ثلاث مرات في اليوم: "per day"
            if (i >= 2 && _t[i - 1].Norm == "في" && PerDayBefore(i - 2)) return i;
            // اليوم العالمي، اليوم الأول: "the day", not today
            if (i + 1 < _t.Count && _t[i + 1].Kind == TokenKind.ArabicWord && ArticleForms.Has(_t[i + 1])) return i;
            Emit(i, i + 1, Iso(dl), "relative");
            return i + 1;
        }
        if (norm is "غدا" or "وغدا" || (article && stem is "غد"))
        {
            int start = i, add = 1;
            if (i >= 1 && _t[i - 1].Norm is "بعد" or "وبعد" && norm != "غدا") { start = i - 1; add = 2; }
            Emit(start, i + 1, Iso(dl.AddDays(add)), "relative");
            return i + 1;
        }
        if (norm == "بعد" && i + 1 < _t.Count && _t[i + 1].Norm == "غد")
        {
            Emit(i, i + 2, Iso(dl.AddDays(2)), "relative");
            return i + 2;
        }
        if (article && stem is "ليلة" && norm.StartsWith("ال", StringComparison.Ordinal))
        {
            if (i + 1 < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[i + 1].Norm, out int lm) && lm == -1)
            {
                Emit(i, i + 2, Iso(dl.AddDays(-1)), "relative");
                return i + 2;
            }
            if (i + 1 < _t.Count && ArticleForms.Has(_t[i + 1])) return i;
            Emit(i, i + 1, Iso(dl), "relative");
            return i + 1;
        }
        // الأسبوع/الشهر/العام/السنة + الماضي/المقبل/الجاري, or هذا/هذه + period
        if (!article || stem is not ("اسبوع" or "شهر" or "عام" or "سنة")) return i;
        int mod;
        int s = i, e;
        if (i + 1 < _t.Count && TimeLexicon.Modifiers.TryGetValue(_t[i + 1].Norm, out mod)) e = i + 2;
        else if (i >= 1 && _t[i - 1].Norm is "هذا" or "هذه" or "وهذا" or "وهذه") { mod = 0; s = i - 1; e = i + 1; }
        else return i;
        string value = stem is "اسبوع" ? IsoWeek(dl.AddDays(7 * mod))
            : stem is "شهر" ? $"{dl.AddMonths(mod):yyyy-MM}"
            : $"{dl.Year + mod:D4}";
        Emit(s, e, value, "relative");
        return e;
    }

    /// <summary>منذ ثلاثة أيام، قبل يومين، بعد أسبوعين، منذ عام، قبل 5 سنوات.</summary>
    private int Duration(int i)
    {
        string w = _t[i].Norm;
        int sign = w switch { "منذ" or "ومنذ" or "قبل" or "وقبل" => -1, "بعد" or "وبعد" => 1, _ => 0 };
        if (sign == 0 || _dateline is not { } dl || i + 1 >= _t.Count) return i;
        int j = i + 1;
        long n;
        int unit;
        if (TimeLexicon.Units.TryGetValue(_t[j].Norm, out unit) && unit < 0)
        {
            n = 2; unit = -unit; j++;                              // يومين، أسبوعين
        }
        else if (TimeLexicon.Units.TryGetValue(_t[j].Norm, out unit))
        {
            // منذ عام / قبل أسبوع: one unit, unless a year or a number follows (منذ عام 2019)
            if (_t[j].Norm is "ايام" or "اعوام" or "سنوات" or "سنين" or "اشهر" or "شهور" or "اسابيع") return i; // منذ سنوات
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
        if (sign == 1 && !IsFuture(i, j)) return i;
        // قبل يومين من الهجوم: relative to another event, not to the dateline
        if (sign == 1 || w is "قبل" or "وقبل")
            if (j < _t.Count && _t[j].Norm is "من" or "على" or "علي") return i;
        string value;
        try
        {
            value = unit switch
            {
                1 => Iso(dl.AddDays(sign * (int)n)),
                7 => IsoWeek(dl.AddDays(sign * 7 * (int)n)),
                30 => $"{dl.AddMonths(sign * (int)n):yyyy-MM}",
                _ => $"{dl.Year + sign * (int)n:D4}",
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return i;
        }
        Emit(i, j, value, "relative");
        return j;
    }

    // ---------------------------------------------------------------- pieces

    /// <summary>A day of the month: 1–31 in digits, or an ordinal followed by من (الأول من، العاشر من).</summary>
    private bool TryDay(int i, out int day, out int next)
    {
        day = 0;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        if (t.Kind == TokenKind.Number && t.Norm.Length <= 2 && NumberParsing.TryParseInt(t.Norm, out day) && day is >= 1 and <= 31)
        {
            next = i + 1;
            return true;
        }
        if (TryWawDigits(t, out day) && day is >= 1 and <= 31)
        {
            next = i + 1; // و10 مايو
            return true;
        }
        if (t.Kind == TokenKind.ArabicWord && ArticleForms.Has(t) && NumberWords.TryParseOrdinal(_t, i, out day, out int n)
            && day is >= 1 and <= 31 && i + n < _t.Count && _t[i + n].Norm == "من")
        {
            next = i + n + 1;
            return true;
        }
        return false;
    }

    /// <summary>A month name (one or two words) at <paramref name="i"/>, with a paired form after it (آذار/مارس، مارس (آذار)).</summary>
    private bool TryMonth(int i, out MonthName month, out int next)
    {
        next = i;
        if (!TryMonthWord(i, out month, out int k)) return false;
        // paired names: آذار/مارس, مارس-آذار, مارس (آذار)
        if (k + 1 < _t.Count && _t[k].Norm is "/" or "-" && TryMonthWord(k + 1, out var m2, out int k2) && m2.Month == month.Month && m2.Calendar == month.Calendar)
        {
            k = k2;
            if (month.Ambiguous) month = m2;
        }
        else if (k + 2 < _t.Count && _t[k].Norm == "(" && TryMonthWord(k + 1, out var m3, out int k3) && m3.Month == month.Month
                 && k3 < _t.Count && _t[k3].Norm == ")")
        {
            k = k3 + 1;
            if (month.Ambiguous) month = m3;
        }
        next = k;
        return true;
    }

    private bool TryMonthWord(int i, out MonthName month, out int next)
    {
        month = default;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        if (t.Kind != TokenKind.ArabicWord) return false;
        if (TimeLexicon.Months.TryGetValue(t.Norm, out month)
            || (t.Norm.Length > 3 && t.Norm[0] is 'و' or 'ب' or 'ل' && MonthSpans.TryGetValue(t.Norm.AsSpan(1), out month)))
        {
            next = i + 1;
            return true;
        }
        if (i + 1 < _t.Count)
        {
            string head = t.Norm.Length > 3 && t.Norm[0] == 'و' && TimeLexicon.MonthHeads.Contains(t.Norm[1..]) ? t.Norm[1..] : t.Norm;
            if (TimeLexicon.MonthHeads.Contains(head) && TimeLexicon.TwoWordMonths.TryGetValue(head + " " + _t[i + 1].Norm, out month))
            {
                next = i + 2;
                return true;
            }
        }
        return false;
    }

    /// <summary>A year right after a month: 2022, 2022م, 2022 م, 1444 هـ, 1444هـ; Hijri months want a Hijri-sized year.</summary>
    private bool TryYearAfterMonth(int i, CalendarKind calendar, out int year, out int next)
    {
        // "من عام 2022" / "عام 2022" after a month is also common in Levantine style
        int j = i;
        if (j < _t.Count && _t[j].Norm == "من" && j + 1 < _t.Count && TimeLexicon.YearWords.Contains(_t[j + 1].Norm)) j += 2;
        else if (j < _t.Count && TimeLexicon.YearWords.Contains(_t[j].Norm)) j++;
        if (!TryYear(j, out year, out var cal, out next, anyRange: false)) return false;
        if (calendar == CalendarKind.Hijri)
            return year is >= 1300 and <= 1600 && (cal == CalendarKind.Hijri || year < 1500);
        return cal == CalendarKind.Gregorian && year is >= 1000 and <= 2200;
    }

    /// <summary>من العام الماضي / من هذا العام / من العام الجاري after a day and month.</summary>
    private bool TryRelativeYearPhrase(int i, out int year, out int next)
    {
        year = 0;
        next = i;
        if (_dateline is not { } dl || i + 2 >= _t.Count || _t[i].Norm != "من") return false;
        var t = _t[i + 1];
        if (ArticleForms.Bare(t) is "عام" or "سنة" && ArticleForms.Has(t) && TimeLexicon.Modifiers.TryGetValue(_t[i + 2].Norm, out int mod))
        {
            year = dl.Year + mod;
            next = i + 3;
            return true;
        }
        if (t.Norm is "هذا" or "هذه" && ArticleForms.Has(_t[i + 2]) && ArticleForms.Bare(_t[i + 2]) is "عام" or "سنة")
        {
            year = dl.Year;
            next = i + 3;
            return true;
        }
        return false;
    }

    /// <summary>
    /// A year number at <paramref name="i"/>: four digits (or 3–4 digits with an era word), with an optional
    /// era after it (م، ميلادي، هـ، هجري) either glued (2022م) or as the next word.
    /// </summary>
    private bool TryYear(int i, out int year, out CalendarKind calendar, out int next, bool anyRange)
    {
        year = 0;
        calendar = CalendarKind.Gregorian;
        next = i;
        if (i >= _t.Count) return false;
        var t = _t[i];
        ReadOnlySpan<char> s = t.Norm;
        bool glued = false;
        if (t.Kind == TokenKind.MixedWord && s.Length >= 4 && s[^1] is 'م' or 'ه' && AllDigits(s[..^1]))
        {
            calendar = s[^1] == 'ه' ? CalendarKind.Hijri : CalendarKind.Gregorian;
            s = s[..^1];
            glued = true;
        }
        else if (t.Kind != TokenKind.Number || !AllDigits(s))
        {
            return false;
        }
        if (s.Length is < 3 or > 4 || !NumberParsing.TryParseInt(s, out year)) return false;
        int k = i + 1;
        bool era = glued;
        if (!glued && k < _t.Count && TimeLexicon.EraWords.TryGetValue(_t[k].Norm, out var c))
        {
            calendar = c;
            era = true;
            k++;
        }
        if (s.Length == 3 && !era) return false;
        if (year < 100 || (!anyRange && !era && year is < 1000 or > 2200) || year > 2200) return false;
        if (calendar == CalendarKind.Gregorian && year > 2200) return false;
        next = k;
        return true;
    }

    private static bool TryWawDigits(WordToken t, out int value)
    {
        value = 0;
        ReadOnlySpan<char> s = t.Norm;
        return t.Kind == TokenKind.MixedWord && s.Length >= 2 && s.Length <= 3 && s[0] == 'و' && AllDigits(s[1..]) && NumberParsing.TryParseInt(s[1..], out value);
    }

    private static bool TryWawYear(WordToken t, out int value)
    {
        value = 0;
        ReadOnlySpan<char> s = t.Norm;
        return t.Kind == TokenKind.MixedWord && s.Length == 5 && s[0] == 'و' && AllDigits(s[1..]) && NumberParsing.TryParseInt(s[1..], out value)
            && value is >= 1000 and <= 2200;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (char c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private bool IsConnector(int i) => i < _t.Count && TimeLexicon.RangeConnectors.Contains(_t[i].Norm);

    private static bool IsDash(WordToken t) => t.Norm is "-" or "–";

    private bool Adjacent(int from, int to)
    {
        for (int k = from; k < to; k++) if (_t[k].End != _t[k + 1].Start) return false;
        return true;
    }

    private string Word(int i, bool skipColon)
    {
        if (skipColon && _t[i].Norm is ":" && i > 0) i--;
        return _t[i].Norm;
    }

    /// <summary>
    /// Does the sentence around tokens [from, to) speak of the future? Looks a few tokens back and ahead
    /// within the sentence for سوف، المقبل، غدا … or a verb with the future prefix سـ.
    /// </summary>
    private bool IsFuture(int from, int to)
    {
        int sentence = _t[from].Sentence;
        for (int k = from - 1; k >= Math.Max(0, from - 8) && _t[k].Sentence == sentence; k--)
            if (TimeLexicon.FutureWords.Contains(_t[k].Norm) || IsFutureVerb(_t[k])) return true;
        // ahead, only up to a clause boundary: "قال الثلاثاء إن طهران ستبقى" speaks of Tuesday in the past
        for (int k = to; k < Math.Min(_t.Count, to + 4) && _t[k].Sentence == sentence; k++)
        {
            if (TimeLexicon.ClauseBoundaries.Contains(_t[k].Norm)) break;
            if (TimeLexicon.FutureWords.Contains(_t[k].Norm) || IsFutureVerb(_t[k])) return true;
        }
        return false;
    }

    /// <summary>سـ + imperfect (سيعقد، ستبدأ، سنعمل، وسيلتقي), not one of the nouns that look like it.</summary>
    internal static bool IsFutureVerb(WordToken t)
    {
        if (t.Kind != TokenKind.ArabicWord || ArticleForms.Has(t)) return false;
        ReadOnlySpan<char> s = t.Norm;
        if (s.Length > 5 && s[0] is 'و' or 'ف' && s[1] == 'س') s = s[1..];
        if (s.Length < 5 || s[0] != 'س' || s[1] is not ('ي' or 'ت')) return false;
        return !TimeLexicon.NotFutureVerbs.GetAlternateLookup<ReadOnlySpan<char>>().Contains(s)
            && !TimeLexicon.NotFutureVerbs.Contains(t.Norm);
    }

    private void Emit(int startToken, int endToken, string value, string anchor) => _out.Add(Make(startToken, endToken, value, anchor));

    private TimeAnnotation Make(int startToken, int endToken, string value, string anchor)
    {
        int start = LeadStart(_t[startToken]);
        int end = _t[endToken - 1].End;
        return new TimeAnnotation { Start = start, End = end, Text = _text[start..end], Value = value, Anchor = anchor };
    }

    /// <summary>Where an expression starts in its first token: after و/ب/ل/ف, but keeping the article (الخميس).</summary>
    private int LeadStart(WordToken t)
    {
        if (t.Kind == TokenKind.MixedWord && TryWawDigits(t, out _))
        {
            int d = t.Start; // و10 → 10
            while (d < t.End && !ArabicLetters.IsDigit(_text[d])) d++;
            return d;
        }
        if (t.Kind != TokenKind.ArabicWord) return t.Start;
        // the whole token is a lexicon word (فيفري, فبراير start with ف but have no clitic)
        if (TimeLexicon.Months.ContainsKey(t.Norm) || TimeLexicon.MonthHeads.Contains(t.Norm) || TimeLexicon.YearWords.Contains(t.Norm)) return t.Start;
        int skip = ArticleForms.LettersBeforeArticle(t);
        if (skip < 0)
        {
            // و/ب/ل glued to a lexicon word (ومايو، وأمس، ومنذ، ويوم)
            var rest = t.Norm.AsSpan(1);
            skip = t.Norm.Length > 3 && t.Norm[0] is 'و' or 'ف' or 'ب' or 'ل' && (MonthSpans.ContainsKey(rest) || TriggerSpans.Contains(rest)) ? 1 : 0;
        }
        int p = t.Start;
        for (int letters = 0; p < t.End && letters < skip; p++)
            if (!ArabicLetters.IsDiacritic(_text[p]) && _text[p] != ArabicLetters.Tatweel) letters++;
        while (p < t.End && (ArabicLetters.IsDiacritic(_text[p]) || _text[p] == ArabicLetters.Tatweel)) p++;
        return p;
    }

    // ---------------------------------------------------------------- calendar helpers

    private readonly record struct HijriDate(int Year, int Month, int Day);

    private static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Um al-Qura date → Gregorian, inside the calendar's supported range (1318–1500 AH).</summary>
    public static bool TryFromHijri(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1) return false;
        // UmAlQuraCalendar supports 1318-01-01 … 1500-12-30 AH (1900-04-30 … 2077-11-16)
        if ((year, month, day).CompareTo((1318, 1, 1)) < 0 || (year, month, day).CompareTo((1500, 12, 30)) > 0) return false;
        try
        {
            if (day > UmAlQura.GetDaysInMonth(year, month)) return false;
            date = DateOnly.FromDateTime(UmAlQura.ToDateTime(year, month, day, 0, 0, 0, 0));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryToHijri(DateOnly d, out HijriDate h)
    {
        h = default;
        var dt = d.ToDateTime(TimeOnly.MinValue);
        if (dt < UmAlQura.MinSupportedDateTime || dt > UmAlQura.MaxSupportedDateTime) return false;
        h = new HijriDate(UmAlQura.GetYear(dt), UmAlQura.GetMonth(dt), UmAlQura.GetDayOfMonth(dt));
        return true;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoWeek(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }
}
