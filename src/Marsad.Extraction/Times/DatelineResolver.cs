using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Times;

/// <summary>
/// What a time written without its year (or as a weekday) means, seen from the dateline and from the text
/// around it. A date without a year takes, in this order: the year the narrative names (a day and month in a
/// sentence, or the one after, that names an earlier year: «في عام 1973 … 6 أكتوبر» → 1973); the occurrence a
/// modifier asks for (الماضي the last one, المقبل the next one); the next occurrence when the clause speaks of
/// the future (سوف، سـ + verb، المقرر); the most recent one when a past auxiliary (كان) says so; otherwise the
/// most recent, unless the next is close (≤ 60 days ahead) and the last one far (over 180 days back): news
/// rarely names a date from most of a year ago without its year, but often an upcoming one.
/// </summary>
internal sealed class DatelineResolver(IReadOnlyList<WordToken> tokens, DateOnly? dateline, List<TimeAnnotation> output)
{
    /// <summary>No modifier after the expression (modifiers are −1, 0, +1).</summary>
    public const int NoModifier = 2;

    public DateOnly? Dateline => dateline;

    /// <summary>
    /// A Gregorian day and month without a year; with <paramref name="weekday"/> (الخميس 19 يوليو) the nearest
    /// year in which the day falls on that weekday, when one of the three around the dateline does.
    /// </summary>
    public bool TryDay(int month, int day, int modifier, int from, int to, DayOfWeek? weekday, out DateOnly date)
    {
        date = default;
        if (modifier == NoModifier && weekday is null && NarrativeYear(from) is > 0 and var ny && TimeValues.TryDate(ny, month, day, out date)) return true;
        return TryNearest(CalendarKind.Gregorian, month, day, modifier, from, to, weekday, out date);
    }

    /// <summary>A Hijri day and month without a year (5 رجب المقبل، الـ12 من شهر ربيع الأول الماضي), agreeing with a weekday when given.</summary>
    public bool TryHijriDay(int month, int day, int modifier, int from, int to, DayOfWeek? weekday, out DateOnly date) =>
        TryNearest(CalendarKind.Hijri, month, day, modifier, from, to, weekday, out date);

    /// <summary>
    /// The day and month in the dateline's year of <paramref name="calendar"/> or the years either side: the one
    /// agreeing with <paramref name="weekday"/>, this year's for الجاري, else as <see cref="Pick"/> says.
    /// </summary>
    private bool TryNearest(CalendarKind calendar, int month, int day, int modifier, int from, int to, DayOfWeek? weekday, out DateOnly date)
    {
        date = default;
        if (dateline is not { } dl) return false;
        int year = dl.Year;
        if (calendar == CalendarKind.Hijri)
        {
            if (!HijriCalendar.TryFromGregorian(dl, out var today)) return false;
            year = today.Year;
        }
        DateOnly? past = null, next = null, agreeing = null, current = null;
        for (int y = year - 1; y <= year + 1; y++)
        {
            bool ok = calendar == CalendarKind.Hijri ? HijriCalendar.TryToGregorian(y, month, day, out var d) : TimeValues.TryDate(y, month, day, out d);
            if (!ok) continue;
            if (y == year) current = d;
            if (d.DayOfWeek == weekday && (agreeing is null || Math.Abs(d.DayNumber - dl.DayNumber) < Math.Abs(agreeing.Value.DayNumber - dl.DayNumber))) agreeing = d;
            if (d <= dl) past = d;
            else next ??= d;
        }
        if (agreeing is { } a) { date = a; return true; }
        if (modifier == 0) { date = current ?? default; return current is not null; } // العاشر من يوليو الجاري
        return Pick(dl, past, next, modifier, from, to, out date);
    }

    /// <summary>The year of a Gregorian month named without one (مايو الماضي، في يناير), or 0 without a dateline.</summary>
    public int MonthYear(int month, int modifier, int from, int to) =>
        dateline is { } dl ? NearestYear(dl.Year, dl.Month, month, modifier, from, to) : 0;

    /// <summary>The Hijri year of a Hijri month named without one (رمضان المقبل، خلال شهر رمضان), or 0.</summary>
    public int HijriMonthYear(int month, int modifier, int from, int to) =>
        dateline is { } dl && HijriCalendar.TryFromGregorian(dl, out var today) ? NearestYear(today.Year, today.Month, month, modifier, from, to) : 0;

    /// <summary>
    /// A weekday: the most recent such day on or before the dateline, the one before it with الماضي, or the
    /// next one after it with المقبل or when the clause speaks of the future.
    /// </summary>
    public DateOnly Weekday(DateOnly dl, DayOfWeek dow, int modifier, int from, int to)
    {
        int today = (int)dl.DayOfWeek, want = (int)dow;
        if (modifier == -1) return dl.AddDays(-((today - want + 6) % 7 + 1));
        if (modifier == 1 || IsFuture(from, to)) return dl.AddDays((want - today + 6) % 7 + 1);
        return dl.AddDays(-((today - want + 7) % 7));
    }

    /// <summary>
    /// The year of the last time before token <paramref name="from"/>, written or resolved, at any distance
    /// (في 6 أكتوبر من ذلك العام، العام نفسه), or 0.
    /// </summary>
    public int LastYear(int from)
    {
        int start = tokens[from].Start;
        for (int k = output.Count - 1; k >= 0; k--)
        {
            var a = output[k];
            if (a.Start >= start || a.Anchor == "dateline") continue; // العام الماضي … لنفس العام: a resolved year counts too
            int y = TimeValues.LeadingYear(a.Value);
            if (y > 0) return y;
        }
        return 0;
    }

    /// <summary>
    /// The year a narrative sets: a year written alone as a frame (في عام 1973، عام 2009، في 2011) that is the last
    /// time before token <paramref name="from"/> and either opens the date's sentence a few words before it, or lies
    /// in the sentence before one that opens with the date («تأسست عام 2009. وفي 3 مارس …»); only for a year before
    /// the dateline's, and not when the clause speaks of the future. Else 0: news names the dateline's year by default.
    /// </summary>
    private int NarrativeYear(int from)
    {
        int y = FramingYear(from, out int first, out int end);
        if (y == 0) return 0;
        int sentence = tokens[from].Sentence;
        // «وفي عام 2011، خرج المتظاهرون في 25 يناير»: the year opens the sentence and the date follows it closely
        if (tokens[first].Sentence == sentence) return first - SentenceStart(first) <= 2 && from - end <= 10 ? y : 0;
        // «تأسست الشركة عام 2009. وفي 3 مارس افتتحت …»: the date opens the sentence after the year's
        if (tokens[first].Sentence != sentence - 1) return 0;
        return from - SentenceStart(from) <= 2 ? y : 0;
    }

    /// <summary>
    /// The year a relative year at token <paramref name="from"/> (العام الماضي، السنة الجارية) counts from inside a
    /// reported past: a framing year that opens the same sentence a few words before it («وفي عام 2010 قال الوزير إن
    /// صادرات العام الماضي تراجعت» → 2009), with no word between them that sets a clause against the frame
    /// (فيما، بينما، حاليا). Else 0: the relative year counts from the dateline, as in ordinary reporting; the
    /// sentence after the year's is not enough (a new sentence «وفي العام الماضي …» speaks from the dateline again).
    /// </summary>
    public int ReportedYear(int from)
    {
        int y = FramingYear(from, out int first, out int end);
        if (y == 0 || tokens[first].Sentence != tokens[from].Sentence || first - SentenceStart(first) > 2 || from - end > 10) return 0;
        for (int k = end + 1; k < from; k++)
            if (TimeTokens.In(TimeLexicon.ContrastWords, tokens[k])) return 0;
        return y;
    }

    /// <summary>
    /// The year the last time before token <paramref name="from"/> names when it is a frame — a year written alone
    /// (في عام 1973، عام 1973، في 2011; not لعام 2018 "of the year", منذ 2006 "since") before the dateline's year —
    /// and the clause of <paramref name="from"/> does not speak of the future; else 0. <paramref name="first"/> and
    /// <paramref name="end"/> are the year's first and last tokens.
    /// </summary>
    private int FramingYear(int from, out int first, out int end)
    {
        first = end = 0;
        if (dateline is not { } dl || IsFuture(from, from + 1)) return 0;
        int start = tokens[from].Start;
        TimeAnnotation? last = null;
        for (int k = output.Count - 1; k >= 0 && last is null; k--)
            if (output[k].Start < start) last = output[k];
        if (last is null || last.Anchor != "absolute" || last.Value.Length != 4) return 0;
        int y = TimeValues.LeadingYear(last.Value);
        if (y == 0 || y >= dl.Year) return 0;
        first = TokenAt(last.Start);
        end = TokenAt(last.End - 1);
        var head = tokens[first];
        bool frame = (TimeTokens.In(TimeLexicon.YearWords, head, article: true) && (head.Proclitics & (Proclitics.Lam | Proclitics.Ba | Proclitics.Kaf)) == 0)
            || (first > 0 && TimeTokens.Is(tokens[first - 1], "في"));
        return frame ? y : 0;
    }

    private int SentenceStart(int k)
    {
        int sentence = tokens[k].Sentence;
        while (k > 0 && tokens[k - 1].Sentence == sentence) k--;
        return k;
    }

    private int TokenAt(int offset)
    {
        int lo = 0, hi = tokens.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (tokens[mid].Start <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private bool Pick(DateOnly dl, DateOnly? past, DateOnly? next, int modifier, int from, int to, out DateOnly date)
    {
        DateOnly? pick;
        if (modifier == -1) pick = past;
        else if (modifier == 1) pick = next;
        else
        {
            bool pastWord = HasPastAuxiliary(from);
            if (!pastWord && IsFuture(from, to)) pick = next;
            else if (pastWord || next is null) pick = past;
            else if (past is null) pick = next;
            else
            {
                int ahead = next.Value.DayNumber - dl.DayNumber, back = dl.DayNumber - past.Value.DayNumber;
                pick = ahead <= 60 && back > 180 ? next : past;
            }
        }
        date = pick ?? default;
        return pick is not null;
    }

    /// <summary>
    /// The year of a month named without one, seen from the dateline's year and month (in the month's own calendar):
    /// الماضي the last one before this month, المقبل the next one after it, الجاري this one; otherwise the next
    /// occurrence when the sentence speaks of the future, else the most recent, unless the month is just ahead
    /// (≤ 2 months): as for days, news names a coming month without its year more often than one most of a year ago.
    /// </summary>
    private int NearestYear(int year, int current, int month, int modifier, int from, int to)
    {
        switch (modifier)
        {
            case -1: return month >= current ? year - 1 : year;
            case 1: return month <= current ? year + 1 : year;
            case 0: return year;
        }
        bool pastWord = HasPastAuxiliary(from);
        if (!pastWord && IsFuture(from, to)) return month < current ? year + 1 : year;
        return month > current && (pastWord || month - current > 2) ? year - 1 : year;
    }

    /// <summary>كان/كانت shortly before: the sentence is set in the past even if it says مقررة or سـ.</summary>
    public bool HasPastAuxiliary(int from)
    {
        int sentence = tokens[from].Sentence;
        for (int k = from - 1; k >= Math.Max(0, from - 6) && tokens[k].Sentence == sentence; k--)
            if (TimeTokens.In(TimeLexicon.PastAuxiliaries, tokens[k])) return true;
        return false;
    }

    /// <summary>
    /// Does the sentence around tokens [from, to) speak of the future? Looks a few tokens back and ahead
    /// within the sentence for سوف، المقبل، غدا … or a verb with the future prefix سـ.
    /// </summary>
    public bool IsFuture(int from, int to)
    {
        int sentence = tokens[from].Sentence;
        for (int k = from - 1; k >= Math.Max(0, from - 8) && tokens[k].Sentence == sentence; k--)
            if (IsFutureWord(tokens[k])) return true;
        // ahead, only up to a clause boundary: "قال الثلاثاء إن طهران ستبقى" speaks of Tuesday in the past
        for (int k = to; k < Math.Min(tokens.Count, to + 4) && tokens[k].Sentence == sentence; k++)
        {
            if (TimeLexicon.ClauseBoundaries.Contains(tokens[k].Norm)) break;
            if (IsFutureWord(tokens[k])) return true;
        }
        return false;
    }

    private static bool IsFutureWord(WordToken t) => TimeTokens.In(TimeLexicon.FutureWords, t) || TimeTokens.IsFutureVerb(t);
}
