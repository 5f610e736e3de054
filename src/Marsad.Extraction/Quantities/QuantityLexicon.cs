using System.Collections.Frozen;
using Marsad.Text;

namespace Marsad.Extraction.Quantities;

/// <summary>
/// Words around numbers, keyed by their Matching-level form; written by hand for Arabic news:
/// currencies, percent words, casualty words, modifiers (نحو، أكثر من), label nouns that make a
/// number an identifier (رقم، القرار), and the plurals of frequent counted nouns with their singular.
/// </summary>
public static class QuantityLexicon
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>Currency nouns (stem, any number) → ISO 4217 code, or a lower-case name when the country is unsaid.</summary>
    public static FrozenDictionary<string, string> Currencies { get; } = Map(
        ("دولار دولارا دولارات", "USD"), ("يورو", "EUR"), ("درهم درهما دراهم", "MAD"), ("دينار دينارا دنانير", "dinar"),
        ("ريال ريالا ريالات", "riyal"), ("جنيه جنيها جنيهات", "EGP"), ("ليرة ليرات", "lira"), ("يوان", "CNY"),
        ("ين", "JPY"), ("روبل روبلا روبلات", "RUB"), ("روبية روبيات", "INR"), ("شيكل شيكلا شواكل", "ILS"),
        ("فرنك فرنكا فرنكات", "franc"), ("بيتكوين", "BTC"));

    /// <summary>Nationality adjectives after a currency noun that fix its code: (currency code or name, adjective) → code.</summary>
    public static FrozenDictionary<string, string> CurrencyCountries { get; } = BuildCurrencyCountries();

    /// <summary>Symbols written before or after a number.</summary>
    public static FrozenDictionary<string, string> CurrencySymbols { get; } = new Dictionary<string, string>
    {
        ["$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY",
    }.ToFrozenDictionary(Ordinal);

    /// <summary>"percent" after في: في المائة، في المئة، في المية.</summary>
    public static FrozenSet<string> PercentAfterFi { get; } = Words("المائة المئة المية مئة مائة");

    /// <summary>One-word percent markers: بالمائة، بالمئة، بالمية.</summary>
    public static FrozenSet<string> PercentWords { get; } = Words("بالمائة بالمئة بالمية بالمائه");

    /// <summary>Words before a number that make it a count of people killed.</summary>
    public static FrozenSet<string> KilledBefore { get; } = Words(
        "مقتل ومقتل قتل وقتل قتلت وقتلت مصرع ومصرع استشهاد واستشهاد وفاة ووفاة سقوط وسقوط لقي ولقي حصيلة قتلى إعدام");

    /// <summary>Words before a number that make it a count of people injured.</summary>
    public static FrozenSet<string> InjuredBefore { get; } = Words(
        "إصابة وإصابة أصيب وأصيب جرح وجرح جرحت إصابات وإصابات");

    /// <summary>Counted nouns meaning killed people.</summary>
    public static FrozenSet<string> KilledNouns { get; } = Words("قتيل قتيلا قتلى شهيد شهيدا شهداء ضحية ضحايا وفاة وفيات");

    /// <summary>Counted nouns meaning injured people.</summary>
    public static FrozenSet<string> InjuredNouns { get; } = Words("جريح جريحا جرحى مصاب مصابا مصابين مصابون إصابة إصابات");

    /// <summary>Hedges between a casualty word and its number: مقتل نحو 12، إصابة أكثر من 30.</summary>
    public static FrozenSet<string> Hedges { get; } = Words(
        "نحو حوالي حوالى قرابة زهاء أكثر اكثر أقل من عن على ما لا يقل يزيد يقارب يناهز أزيد ما يربو أيضا عدد");

    /// <summary>Nouns before a number that make it a label, not a quantity: القرار 2254، المادة 5، رقم 3.</summary>
    public static FrozenSet<string> LabelNouns { get; } = Words(
        "رقم الرقم برقم ورقم القرار قرار المادة مادة الفصل البند بند هاتف الهاتف الطريق طريق الحلقة الصفحة صفحة المرسوم مرسوم القانون " +
        "قانون الدورة الموسم الجولة الفقرة فقرة الرمز الكود المنطقة القطاع الغرفة العدد الإصدار إصدار نسخة النسخة الطراز الدقيقة الدقيقتين " +
        "المرحلة الأسبوع الكيلومتر");

    /// <summary>Words right after a number that cannot be its counted noun.</summary>
    public static FrozenSet<string> NotUnits { get; } = Words(
        "في من إلى الى على علي عن مع و أو او ثم حتى منذ قبل بعد خلال لدى عند بين أن إن أنه إنه الذي التي الذين اللذين ما لا لم لن قد " +
        "هذا هذه ذلك تلك كل بعض كما وفي ومن وعلى وإلى وقد فقط تقريبا أخرى آخرين آخرون أيضا إضافة بينهم بينها منهم منها فيها فيه له لها " +
        "كان كانت يكون تكون هو هي هم فهو فهي وهو وهي وهم فهم أمام امام خلف نحو حوالي ضد عبر دون مقابل تحت فوق وراء بسبب إثر حسب " +
        "وفق منذ لكن ولكن بل أي أيضا حيث");

    /// <summary>Plurals (and a few accusative forms) of frequent counted nouns → singular.</summary>
    public static FrozenDictionary<string, string> Singulars { get; } = BuildSingulars();

    /// <summary>The nouns of <see cref="Singulars"/>, plural and singular: a year-like number before one is a count.</summary>
    public static FrozenSet<string> CountedNouns { get; } = Singulars.Keys.Concat(Singulars.Values).ToFrozenSet(Ordinal);

    /// <summary>Enclitic pronouns tried off a counted noun after من (من أعضائه → أعضاء).</summary>
    internal static readonly string[] Enclitics = ["هما", "هم", "ها", "ه", "نا"];

    internal static string N(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Matching);

    private static FrozenSet<string> Words(string s) =>
        s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(N).ToFrozenSet(Ordinal);

    private static FrozenDictionary<string, string> Map(params (string Words, string Code)[] groups)
    {
        var d = new Dictionary<string, string>(Ordinal);
        foreach (var (words, code) in groups)
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                d[N(w)] = code;
        return d.ToFrozenDictionary(Ordinal);
    }

    private static FrozenDictionary<string, string> BuildCurrencyCountries()
    {
        var d = new Dictionary<string, string>(Ordinal);
        void Add(string currency, string adjectives, string code)
        {
            foreach (var a in adjectives.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                d[currency + " " + N(a)] = code;
                if (!a.StartsWith("ال", StringComparison.Ordinal)) d[currency + " " + N("ال" + a)] = code;
            }
        }
        Add("USD", "أمريكي أميركي أمريكية أميركية", "USD");
        Add("USD", "كندي", "CAD");
        Add("USD", "أسترالي", "AUD");
        Add("MAD", "مغربي", "MAD");
        Add("MAD", "إماراتي", "AED");
        Add("dinar", "كويتي", "KWD");
        Add("dinar", "أردني", "JOD");
        Add("dinar", "بحريني", "BHD");
        Add("dinar", "تونسي", "TND");
        Add("dinar", "جزائري", "DZD");
        Add("dinar", "عراقي", "IQD");
        Add("dinar", "ليبي", "LYD");
        Add("riyal", "سعودي", "SAR");
        Add("riyal", "قطري", "QAR");
        Add("riyal", "عماني", "OMR");
        Add("riyal", "يمني", "YER");
        Add("riyal", "إيراني", "IRR");
        Add("EGP", "مصري", "EGP");
        Add("EGP", "إسترليني استرليني", "GBP");
        Add("EGP", "سوداني", "SDG");
        Add("lira", "لبنانية", "LBP");
        Add("lira", "سورية سوري", "SYP");
        Add("lira", "تركية تركي", "TRY");
        Add("franc", "سويسري", "CHF");
        Add("franc", "إفريقي أفريقي", "XOF");
        return d.ToFrozenDictionary(Ordinal);
    }

    private static FrozenDictionary<string, string> BuildSingulars()
    {
        var pairs = new (string Plural, string Singular)[]
        {
            ("جنود", "جندي"), ("أشخاص", "شخص"), ("أفراد", "فرد"), ("مدنيين", "مدني"), ("مدنيون", "مدني"), ("أطفال", "طفل"),
            ("نساء", "امرأة"), ("رجال", "رجل"), ("دول", "دولة"), ("أعضاء", "عضو"), ("مهاجرين", "مهاجر"), ("مهاجرون", "مهاجر"),
            ("لاجئين", "لاجئ"), ("لاجئون", "لاجئ"), ("مسلحين", "مسلح"), ("مسلحون", "مسلح"), ("عناصر", "عنصر"), ("سنوات", "سنة"),
            ("أيام", "يوم"), ("أشهر", "شهر"), ("شهور", "شهر"), ("أعوام", "عام"), ("ساعات", "ساعة"), ("دقائق", "دقيقة"),
            ("مرات", "مرة"), ("منازل", "منزل"), ("سيارات", "سيارة"), ("طائرات", "طائرة"), ("صواريخ", "صاروخ"), ("معتقلين", "معتقل"),
            ("أسرى", "أسير"), ("ضحايا", "ضحية"), ("شهداء", "شهيد"), ("قتلى", "قتيل"), ("جرحى", "جريح"), ("مواطنين", "مواطن"),
            ("عمال", "عامل"), ("طلاب", "طالب"), ("مشاركين", "مشارك"), ("مشاركون", "مشارك"), ("وزراء", "وزير"), ("نواب", "نائب"),
            ("مقاعد", "مقعد"), ("منظمات", "منظمة"), ("شركات", "شركة"), ("مدن", "مدينة"), ("قرى", "قرية"), ("مناطق", "منطقة"),
            ("مشاريع", "مشروع"), ("مباريات", "مباراة"), ("أهداف", "هدف"), ("نقاط", "نقطة"), ("لاعبين", "لاعب"), ("ملفات", "ملف"),
            ("أسابيع", "أسبوع"), ("كيلومترات", "كيلومتر"), ("أمتار", "متر"), ("أطنان", "طن"), ("براميل", "برميل"), ("هجمات", "هجوم"),
            ("غارات", "غارة"), ("عمليات", "عملية"), ("حالات", "حالة"), ("إصابات", "إصابة"), ("وفيات", "وفاة"), ("مصابين", "مصاب"),
            ("حالة", "حالة"), ("شخصا", "شخص"), ("جنديا", "جندي"), ("قتيلا", "قتيل"), ("جريحا", "جريح"), ("عاما", "عام"),
            ("مصابا", "مصاب"), ("دولارا", "دولار"), ("شهيدا", "شهيد"), ("طفلا", "طفل"), ("يوما", "يوم"), ("شهرا", "شهر"),
        };
        var d = new Dictionary<string, string>(Ordinal);
        foreach (var (p, s) in pairs) d[N(p)] = N(s);
        return d.ToFrozenDictionary(Ordinal);
    }
}
