using System.Collections.Frozen;
using System.Globalization;
using Marsad.Extraction.Data;
using Marsad.Text;

namespace Marsad.Extraction.Times;

/// <summary>Which calendar a month name belongs to.</summary>
public enum CalendarKind : byte
{
    Gregorian = 0,
    Hijri = 1,
}

/// <summary>A month name: its calendar and number, and whether the word has another common meaning.</summary>
/// <param name="Ambiguous">مارس (practised), ماي, آب (father), صفر (zero), محرم, رجب, شعبان, رمضان (names):
/// such a name counts as a month only next to a day or a year, or after شهر.</param>
public readonly record struct MonthName(CalendarKind Calendar, int Month, bool Ambiguous);

/// <summary>
/// The words of Arabic time expressions, keyed by their Matching-level form (<see cref="ArabicNormalizer"/>),
/// read from the embedded files <c>Data/times/months.tsv</c>, <c>weekdays.tsv</c>, <c>words.tsv</c> (one set
/// per job, by its first column) and <c>not-future-verbs.tsv</c>.
/// </summary>
public static class TimeLexicon
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;
    private static readonly ILookup<string, (string Word, string Value)> Sets = ReadWords();

    private static readonly (FrozenDictionary<string, MonthName> One, FrozenDictionary<string, MonthName> Two) MonthTables = ReadMonths();

    /// <summary>One-word month names.</summary>
    public static FrozenDictionary<string, MonthName> Months { get; } = MonthTables.One;

    /// <summary>Two-word month names ("كانون الثاني", "ربيع الأول", "شهر الصيام"), keyed "head second".</summary>
    public static FrozenDictionary<string, MonthName> TwoWordMonths { get; } = MonthTables.Two;

    /// <summary>First words of the two-word names.</summary>
    public static FrozenSet<string> MonthHeads { get; } = MonthTables.Two.Keys.Select(k => k[..k.IndexOf(' ')]).ToFrozenSet(Ordinal);

    /// <summary>Weekdays by stem (without the article): خميس → Thursday.</summary>
    public static FrozenDictionary<string, DayOfWeek> Weekdays { get; } = ReadWeekdays();

    /// <summary>Modifiers after a period, weekday, month or day: −1 past (الماضي), +1 next (المقبل), 0 current (الجاري).</summary>
    public static FrozenDictionary<string, int> Modifiers { get; } = IntSet("modifier");

    /// <summary>Calendar units of durations and relative periods: 1 day, 7 week, 30 month, 365 year; negative = dual (two of them).</summary>
    public static FrozenDictionary<string, int> Units { get; } = IntSet("unit");

    /// <summary>Plural units that make a duration vague (منذ سنوات، قبل أيام).</summary>
    public static FrozenSet<string> PluralUnits { get; } = WordSet("plural-unit");

    /// <summary>Nouns that make a day and month without a year a name, not a time: مدينة 6 أكتوبر، ثورة 25 يناير.</summary>
    public static FrozenSet<string> DateNameHeads { get; } = WordSet("date-name");

    /// <summary>Nouns naming a dated event whose year may follow without a preposition: كأس العالم 2022، انتخابات 2018.</summary>
    public static FrozenSet<string> EventNameHeads { get; } = WordSet("event-name");

    /// <summary>Words before a bare year that make it clearly a year (في 2019، منذ 2011، بحلول 2030).</summary>
    public static FrozenSet<string> YearPrepositions { get; } = WordSet("year-preposition");

    /// <summary>Words that name a year: عام 2022، سنة 2022، العام 2022، عامي 2019 و2021.</summary>
    public static FrozenSet<string> YearWords { get; } = WordSet("year-word");

    /// <summary>Dual year words: their two years are a pair, not a range (عامي 2014 و2013).</summary>
    public static FrozenSet<string> DualYearWords { get; } = WordSet("two-years");

    /// <summary>After a year word, the year the text named last (ذلك العام: 0) or the one after it (العام التالي: 1).</summary>
    public static FrozenDictionary<string, int> SameYearWords { get; } = IntSet("same-year");

    /// <summary>الهجري/الهجرية after العام/السنة.</summary>
    public static FrozenSet<string> HijriYearWords { get; } = WordSet("hijri-year");

    /// <summary>الجديد/الجديدة in «العام الهجري الجديد».</summary>
    public static FrozenSet<string> NewYearWords { get; } = WordSet("new-year");

    /// <summary>هذا، هذه before a period.</summary>
    public static FrozenSet<string> ThisWords { get; } = WordSet("this");

    /// <summary>Words after a year: Gregorian (م، ميلادي) or Hijri (هـ، هجري، للهجرة).</summary>
    public static FrozenDictionary<string, CalendarKind> EraWords { get; } = Map("era", v => v switch
    {
        "hijri" => CalendarKind.Hijri,
        "gregorian" => CalendarKind.Gregorian,
        _ => throw new FormatException($"Data/times/words.tsv: era '{v}' is not gregorian or hijri"),
    });

    /// <summary>Connectors of a range: 1 و 2 مارس، من 5 إلى 7 مايو، 2019-2021.</summary>
    public static FrozenSet<string> RangeConnectors { get; } = WordSet("connector");

    /// <summary>بين before the first end of a range.</summary>
    public static FrozenSet<string> BetweenWords { get; } = WordSet("between");

    /// <summary>شهر before a month name.</summary>
    public static FrozenSet<string> MonthWords { get; } = WordSet("month-word");

    /// <summary>يوم before a weekday or a date.</summary>
    public static FrozenSet<string> DayWords { get; } = WordSet("day-word");

    /// <summary>ليل/ليلة before two weekdays.</summary>
    public static FrozenSet<string> NightWords { get; } = WordSet("night");

    /// <summary>كان/كانت: the sentence is set in the past.</summary>
    public static FrozenSet<string> PastAuxiliaries { get; } = WordSet("past-auxiliary");

    /// <summary>آنذاك، حينها after a relative year: it counts from the year the text named last.</summary>
    public static FrozenSet<string> ThenWords { get; } = WordSet("then");

    /// <summary>فيما، بينما، لكن … between a framing year and a relative year: the relative year counts from the dateline again.</summary>
    public static FrozenSet<string> ContrastWords { get; } = WordSet("contrast");

    /// <summary>حاليا: the dateline.</summary>
    public static FrozenSet<string> PresentWords { get; } = WordSet("present");

    /// <summary>Seasons by stem (صيف → SU), the ISO 8601/TimeML codes.</summary>
    public static FrozenDictionary<string, string> Seasons { get; } = Map("season", v => v is "SP" or "SU" or "FA" or "WI"
        ? v : throw new FormatException($"Data/times/words.tsv: season '{v}' is not SP, SU, FA or WI"));

    /// <summary>Words that announce the future around a weekday or a day without a year.</summary>
    public static FrozenSet<string> FutureWords { get; } = WordSet("future");

    /// <summary>Words that end the clause of a time expression when looking ahead for a future verb (… الثلاثاء إن طهران ستبقى).</summary>
    public static FrozenSet<string> ClauseBoundaries { get; } = WordSet("clause-boundary");

    /// <summary>Nouns that start like a future verb (س + ي/ت) but are not one (سياسة، سيارة).</summary>
    public static FrozenSet<string> NotFutureVerbs { get; } = TsvRows.Read(Read("not-future-verbs.tsv"), "Data/times/not-future-verbs.tsv", 1)
        .Select(r => N(r.Cols[0])).ToFrozenSet(Ordinal);

    /// <summary>Words before a numeric date that mark it as the dateline itself (بتاريخ : 10/06/2023).</summary>
    public static FrozenSet<string> DatelineWords { get; } = WordSet("dateline");

    /// <summary>
    /// Every word (Norm, or Stem for words with clitics) that can start a time expression or anchor a
    /// look-back (أمس ← أول): one set look-up rejects all other words before any neighbour is inspected.
    /// </summary>
    internal static FrozenSet<string> Triggers { get; } = BuildTriggers(); // last: it reads the sets above

    // A bit per pair of last two letters (low bytes) of the trigger words: most words end in a pair no trigger
    // ends in, and one bit test then spares the set look-ups of their form, stem and bare form.
    private static readonly ulong[] TriggerEndings = BuildTriggerEndings();

    /// <summary>
    /// False when no trigger word ends like <paramref name="word"/> (then neither the word nor its form without the
    /// article is one); true says only "maybe", the set decides.
    /// </summary>
    internal static bool MayBeTrigger(ReadOnlySpan<char> word)
    {
        int k = EndingKey(word);
        return (TriggerEndings[k >> 6] & (1UL << k)) != 0;
    }

    private static int EndingKey(ReadOnlySpan<char> w) =>
        w.Length == 0 ? 0 : (w.Length >= 2 ? (w[^2] & 0xFF) << 8 : 0) | (w[^1] & 0xFF);

    private static ulong[] BuildTriggerEndings()
    {
        var bits = new ulong[1 << 10];
        foreach (var w in Triggers)
        {
            // a word's form without the article ends in the same two letters, so one key covers both
            int k = EndingKey(w);
            bits[k >> 6] |= 1UL << k;
        }
        return bits;
    }

    private static (FrozenDictionary<string, MonthName>, FrozenDictionary<string, MonthName>) ReadMonths()
    {
        var one = new Dictionary<string, MonthName>(Ordinal);
        var two = new Dictionary<string, MonthName>(Ordinal);
        const string file = "Data/times/months.tsv";
        foreach (var (line, c) in TsvRows.Read(Read("months.tsv"), file, 4))
        {
            var calendar = c[1] switch
            {
                "gregorian" => CalendarKind.Gregorian,
                "hijri" => CalendarKind.Hijri,
                _ => throw new FormatException($"{file} line {line}: calendar '{c[1]}' is not gregorian or hijri"),
            };
            if (!int.TryParse(c[2], NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m is < 1 or > 12)
                throw new FormatException($"{file} line {line}: month '{c[2]}' is not 1-12");
            if (c[3] is not ("yes" or "no")) throw new FormatException($"{file} line {line}: ambiguous '{c[3]}' is not yes or no");
            var name = new MonthName(calendar, m, c[3] == "yes");
            var words = c[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1) one[N(words[0])] = name;
            else if (words.Length == 2) two[N(words[0]) + " " + N(words[1])] = name;
            else throw new FormatException($"{file} line {line}: a month name has one or two words");
        }
        return (one.ToFrozenDictionary(Ordinal), two.ToFrozenDictionary(Ordinal));
    }

    private static FrozenSet<string> BuildTriggers()
    {
        var set = new HashSet<string>(Ordinal);
        set.UnionWith(Months.Keys);
        set.UnionWith(MonthHeads);
        set.UnionWith(Weekdays.Keys);
        set.UnionWith(YearWords);
        set.UnionWith(DayWords);
        set.UnionWith(NightWords);
        set.UnionWith(PresentWords);
        set.UnionWith(Seasons.Keys);
        foreach (var w in "امس البارحة اليوم غدا غد ليلة منذ قبل بعد اسبوع شهر عام سنة".Split(' '))
            set.Add(N(w));
        foreach (var w in "أول أولى ثاني ثانية ثالث ثالثة رابع رابعة خامس خامسة سادس سادسة سابع سابعة ثامن ثامنة تاسع تاسعة عاشر عاشرة حادي حادية عشرين عشرون ثلاثين ثلاثون".Split(' '))
            set.Add(N(w)); // ordinal days: الأول من مارس، الحادي والثلاثين من كانون الأول
        set.Add("ال"); // الـ 14 من آذار
        // a proclitic the segmenter leaves on a short word (لسنة، ومنذ): listed here so that one look-up per word suffices
        foreach (var w in set.Where(w => w.Length is >= 2 and <= 5).ToList())
            foreach (var p in new[] { "و", "ف", "ب", "ل" }) set.Add(p + w);
        return set.ToFrozenSet(Ordinal);
    }

    internal static string N(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Matching);

    private static string Read(string fileName)
    {
        using var reader = Places.PlaceData.Open("times." + fileName);
        return reader.ReadToEnd();
    }

    private static ILookup<string, (string Word, string Value)> ReadWords()
    {
        const string file = "Data/times/words.tsv";
        return TsvRows.Read(Read("words.tsv"), file, 3)
            .Select(r => (Set: r.Cols[0], Word: N(r.Cols[1]), Value: r.Cols[2]))
            .ToLookup(r => r.Set, r => (r.Word, r.Value), Ordinal);
    }

    private static FrozenSet<string> WordSet(string set)
    {
        var words = Sets[set].Select(r => r.Word).ToFrozenSet(Ordinal);
        return words.Count > 0 ? words : throw new FormatException($"Data/times/words.tsv: no words of the set '{set}'");
    }

    private static FrozenDictionary<string, int> IntSet(string set) => Map(set, value =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v : throw new FormatException($"Data/times/words.tsv: a word of the set '{set}' has no number but '{value}'"));

    /// <summary>The words of a set with their values; spellings that normalise alike (هـ، ه) are one key.</summary>
    private static FrozenDictionary<string, T> Map<T>(string set, Func<string, T> parse)
    {
        var d = new Dictionary<string, T>(Ordinal);
        foreach (var (word, value) in Sets[set]) d[word] = parse(value);
        return d.Count > 0 ? d.ToFrozenDictionary(Ordinal) : throw new FormatException($"Data/times/words.tsv: no words of the set '{set}'");
    }

    private static FrozenDictionary<string, DayOfWeek> ReadWeekdays()
    {
        const string file = "Data/times/weekdays.tsv";
        var d = new Dictionary<string, DayOfWeek>(Ordinal);
        foreach (var (line, c) in TsvRows.Read(Read("weekdays.tsv"), file, 2))
            d[N(c[0])] = Enum.TryParse<DayOfWeek>(c[1], ignoreCase: true, out var dow)
                ? dow : throw new FormatException($"{file} line {line}: '{c[1]}' is not a weekday");
        return d.ToFrozenDictionary(Ordinal);
    }
}
