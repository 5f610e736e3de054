using System.Collections.Frozen;
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
/// The words of Arabic time expressions, keyed by their Matching-level form (<see cref="ArabicNormalizer"/>).
/// Written by hand from common usage: Egyptian/Mashriqi, Moroccan, Algerian/Tunisian and Levantine/Iraqi
/// Gregorian month names, Hijri month names, weekdays and relative words.
/// </summary>
public static class TimeLexicon
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>One-word month names.</summary>
    public static FrozenDictionary<string, MonthName> Months { get; } = BuildMonths();

    /// <summary>Two-word month names ("كانون الثاني", "ربيع الأول", "ذو الحجة"), keyed "head second".</summary>
    public static FrozenDictionary<string, MonthName> TwoWordMonths { get; } = BuildTwoWordMonths();

    /// <summary>First words of the two-word names.</summary>
    public static FrozenSet<string> MonthHeads { get; } = TwoWordMonths.Keys.Select(k => k[..k.IndexOf(' ')]).ToFrozenSet(Ordinal);

    /// <summary>Weekdays by stem (without the article): خميس → Thursday.</summary>
    public static FrozenDictionary<string, DayOfWeek> Weekdays { get; } = new Dictionary<string, DayOfWeek>
    {
        [N("أحد")] = DayOfWeek.Sunday,
        [N("اثنين")] = DayOfWeek.Monday,
        [N("إثنين")] = DayOfWeek.Monday,
        [N("ثلاثاء")] = DayOfWeek.Tuesday,
        [N("أربعاء")] = DayOfWeek.Wednesday,
        [N("خميس")] = DayOfWeek.Thursday,
        [N("جمعة")] = DayOfWeek.Friday,
        [N("سبت")] = DayOfWeek.Saturday,
    }.ToFrozenDictionary(Ordinal);

    /// <summary>Modifiers after a period or weekday: −1 past (الماضي), +1 next (المقبل), 0 current (الجاري).</summary>
    public static FrozenDictionary<string, int> Modifiers { get; } = Set(
        ("الماضي الماضية المنصرم المنصرمة الفائت الفائتة المنقضي المنقضية", -1),
        ("المقبل المقبلة القادم القادمة", 1),
        ("الجاري الجارية الحالي الحالية", 0));

    /// <summary>Calendar units of durations and relative periods: 1 day, 7 week, 30 month, 365 year; negative = dual (two of them).</summary>
    public static FrozenDictionary<string, int> Units { get; } = Set(
        ("يوم أيام ايام يوما", 1), ("يومين يومان", -1),
        ("أسبوع أسابيع أسبوعا", 7), ("أسبوعين أسبوعان", -7),
        ("شهر أشهر شهور شهرا", 30), ("شهرين شهران", -30),
        ("عام أعوام عاما سنة سنوات سنين", 365), ("عامين عامان سنتين سنتان", -365));

    /// <summary>
    /// Nouns that make a day and month without a year a name, not a time: مدينة 6 أكتوبر، ثورة 25 يناير،
    /// حركة 20 فبراير، قوى 14 آذار، شارع 26 يوليو. With a year (ثورة 25 يناير 2011) the date stands.
    /// </summary>
    public static FrozenSet<string> DateNameHeads { get; } = WithClitics(
        "مدينة حي جسر كوبري جامعة محور ميدان شارع طريق مطار حرب ثورة انتفاضة حركة قوى تيار ائتلاف انتصارات نصر معركة");

    /// <summary>Words before a bare year that make it clearly a year (في 2019، منذ 2011، بحلول 2030).</summary>
    public static FrozenSet<string> YearPrepositions { get; } = Words(
        "في وفي منذ ومنذ حتى وحتى خلال وخلال بحلول مطلع أوائل أواخر أواسط منتصف نهاية بداية ونهاية وبداية قبل بعد ربيع صيف خريف شتاء");

    /// <summary>Words that name a year: عام 2022، سنة 2022، العام 2022، عامي 2019 و2021.</summary>
    public static FrozenSet<string> YearWords { get; } = Words(
        "عام العام سنة السنة لعام للعام لسنة للسنة بعام بالعام وعام والعام وسنة والسنة عامي العامين سنتي السنتين");

    /// <summary>Words after a year: Gregorian (م، ميلادي) or Hijri (هـ، هجري، للهجرة).</summary>
    public static FrozenDictionary<string, CalendarKind> EraWords { get; } = new Dictionary<string, CalendarKind>
    {
        [N("م")] = CalendarKind.Gregorian,
        [N("ميلادي")] = CalendarKind.Gregorian,
        [N("ميلادية")] = CalendarKind.Gregorian,
        [N("للميلاد")] = CalendarKind.Gregorian,
        [N("هـ")] = CalendarKind.Hijri,
        [N("ه")] = CalendarKind.Hijri,
        [N("هجري")] = CalendarKind.Hijri,
        [N("هجرية")] = CalendarKind.Hijri,
        [N("للهجرة")] = CalendarKind.Hijri,
    }.ToFrozenDictionary(Ordinal);

    /// <summary>Connectors of a range: 1 و 2 مارس، من 5 إلى 7 مايو، 2019-2021.</summary>
    public static FrozenSet<string> RangeConnectors { get; } = Words("و الى إلى حتى لغاية - – —");

    /// <summary>Words that announce the future around a weekday or a day without a year.</summary>
    public static FrozenSet<string> FutureWords { get; } = Words(
        "سوف وسوف سيتم ستتم المقبل المقبلة القادم القادمة غدا المقرر المقررة مقرر مقررة المرتقب المرتقبة المزمع المزمعة المنتظر المنتظرة");

    /// <summary>Words that end the clause of a time expression when looking ahead for a future verb (… الثلاثاء إن طهران ستبقى).</summary>
    public static FrozenSet<string> ClauseBoundaries { get; } = Words("أن إن أنه إنه أنها إنها بأن وأن لأن ، , . : ؛ \" « »");

    /// <summary>
    /// Nouns that start like a future verb (س + ي/ت) but are not one; anything else of that shape is
    /// read as سـ + imperfect verb (سيعقد، ستبدأ).
    /// </summary>
    public static FrozenSet<string> NotFutureVerbs { get; } = Words(
        "سياسة سياسي سياسية سياسيا سياسات سياسيين سياسيون سيارة سيارات سيادة سيادي سيادية سياق سياحة سياحي سياحية سيطرة سيطرت " +
        "سيناريو سيناريوهات سيناء سيول سيدة سيدات سيد ستار ستاد ستة ستين ستون ستوديو سنة سنوات سنوية سنوي سنين سنتين سنغال " +
        "سنغافورة سنت سيرة سياج سيبيريا ستوكهولم سيئة سيئ سياج ستراتيجية ستالين سيف سيدي سيراليون سيئول سيزار ستيف سيرغي " +
        "سيرجي ساعة ساعات سابق سابقة سابقا سادس سادسة سيما سيدني سينما سيناتور سيلفا ستيفن ستيوارت سيتروين سيسي سيريلانكا سيارتين ستانلي سيزون");

    /// <summary>Words before a numeric date that mark it as the dateline itself (بتاريخ : 10/06/2023).</summary>
    public static FrozenSet<string> DatelineWords { get; } = Words("بتاريخ تاريخ");

    /// <summary>
    /// Every word (Norm, or Stem for words with clitics) that can start a time expression or anchor a
    /// look-back (أمس ← أول): one set look-up rejects all other words before any neighbour is inspected.
    /// </summary>
    internal static FrozenSet<string> Triggers { get; } = BuildTriggers();

    private static FrozenSet<string> BuildTriggers()
    {
        var set = new HashSet<string>(Ordinal);
        foreach (var m in Months.Keys.Concat(MonthHeads))
        {
            set.Add(m);
            foreach (var p in new[] { "و", "ب", "ل" }) set.Add(p + m);
        }
        set.UnionWith(Weekdays.Keys);
        set.UnionWith(YearWords);
        foreach (var w in "امس وامس البارحة اليوم واليوم يوم ويوم غدا وغدا غد ليلة اسبوع شهر عام سنة منذ ومنذ قبل وقبل بعد وبعد".Split(' '))
            set.Add(N(w));
        foreach (var w in "أول أولى ثاني ثانية ثالث ثالثة رابع رابعة خامس خامسة سادس سادسة سابع سابعة ثامن ثامنة تاسع تاسعة عاشر عاشرة حادي حادية".Split(' '))
            set.Add(N(w)); // ordinal days: الأول من مارس
        return set.ToFrozenSet(Ordinal);
    }

    internal static string N(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Matching);

    /// <summary>The words and their forms with و، ب، ل، وب، ول glued before them.</summary>
    private static FrozenSet<string> WithClitics(string spaceSeparated) =>
        spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => new[] { "", "و", "ب", "ل", "وب", "ول" }.Select(p => N(p + w))).ToFrozenSet(Ordinal);

    internal static FrozenSet<string> Words(string spaceSeparated) =>
        spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(N).ToFrozenSet(Ordinal);

    private static FrozenDictionary<string, int> Set(params (string Words, int Value)[] groups)
    {
        var d = new Dictionary<string, int>(Ordinal);
        foreach (var (words, value) in groups)
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d[N(w)] = value;
        return d.ToFrozenDictionary(Ordinal);
    }

    private static FrozenDictionary<string, MonthName> BuildMonths()
    {
        var d = new Dictionary<string, MonthName>(Ordinal);
        void G(int m, string words, bool ambiguous = false)
        {
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d[N(w)] = new MonthName(CalendarKind.Gregorian, m, ambiguous);
        }
        void H(int m, string words, bool ambiguous = false)
        {
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d[N(w)] = new MonthName(CalendarKind.Hijri, m, ambiguous);
        }
        // Egyptian/Mashriqi (and shared Maghrebi) forms
        G(1, "يناير جانفي جانفييه");
        G(2, "فبراير فيفري فبرير شباط");
        G(3, "آذار");
        G(3, "مارس", ambiguous: true);
        G(4, "أبريل إبريل ابريل أفريل افريل نيسان");
        G(5, "مايو أيار");
        G(5, "ماي", ambiguous: true);
        G(6, "يونيو يونيه جوان حزيران");
        G(7, "يوليو يوليه يوليوز جويلية جويليه تموز");
        G(8, "أغسطس اغسطس أغسطوس غشت أوت اوت");
        G(8, "آب", ambiguous: true);
        G(9, "سبتمبر شتنبر أيلول");
        G(10, "أكتوبر اكتوبر");
        G(11, "نوفمبر نونبر");
        G(12, "ديسمبر دجنبر دسمبر");
        // Hijri one-word names; all are also names or common words, so all need a day or a year
        H(1, "محرم", ambiguous: true);
        H(2, "صفر", ambiguous: true);
        H(7, "رجب", ambiguous: true);
        H(8, "شعبان", ambiguous: true);
        H(9, "رمضان", ambiguous: true);
        H(10, "شوال", ambiguous: true);
        return d.ToFrozenDictionary(Ordinal);
    }

    private static FrozenDictionary<string, MonthName> BuildTwoWordMonths()
    {
        var d = new Dictionary<string, MonthName>(Ordinal);
        void Add(CalendarKind c, int m, bool ambiguous, string head, string seconds)
        {
            foreach (var s in seconds.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d[N(head) + " " + N(s)] = new MonthName(c, m, ambiguous);
        }
        Add(CalendarKind.Gregorian, 1, false, "كانون", "الثاني");
        Add(CalendarKind.Gregorian, 12, false, "كانون", "الأول");
        Add(CalendarKind.Gregorian, 10, false, "تشرين", "الأول");
        Add(CalendarKind.Gregorian, 11, false, "تشرين", "الثاني");
        Add(CalendarKind.Hijri, 3, true, "ربيع", "الأول");
        Add(CalendarKind.Hijri, 4, true, "ربيع", "الآخر الثاني الاخر");
        Add(CalendarKind.Hijri, 5, true, "جمادى", "الأولى الأول");
        Add(CalendarKind.Hijri, 6, true, "جمادى", "الآخرة الثانية الآخر الاخرة");
        Add(CalendarKind.Hijri, 11, true, "ذو", "القعدة");
        Add(CalendarKind.Hijri, 11, true, "ذي", "القعدة");
        Add(CalendarKind.Hijri, 12, true, "ذو", "الحجة");
        Add(CalendarKind.Hijri, 12, true, "ذي", "الحجة");
        return d.ToFrozenDictionary(Ordinal);
    }
}
