using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// Closed-class words the event and relation stages reason with (prepositions, clause starters,
/// negation and modality particles …), at Matching level. Token forms are compared after the
/// conjunctions و/ف are taken off (<see cref="Bare"/>).
/// </summary>
internal static class EventWords
{
    private static WordSet Set(params string[] words) => new(words);

    /// <summary>Words that open a new clause: arguments of a trigger are never looked for past them.</summary>
    public static readonly WordSet ClauseStarters = Set(
        "كما", "بينما", "فيما", "حيث", "لكن", "لكنه", "لكنها", "غير", "إلا", "ثم", "إذ", "بالتالي", "بعدما", "عندما",
        "أكد", "أكدت", "قال", "قالت", "أضاف", "أضافت", "أوضح", "أوضحت", "أشار", "أشارت", "أعلن", "أعلنت", "صرح", "صرحت",
        "يؤكد", "تؤكد", "يقول", "تقول", "يضيف", "تضيف", "يشير", "تشير", "تجدر", "يذكر", "يشار", "بحسب", "وفق", "وفقا", "حسب",
        "ذكر", "ذكرت", "أفاد", "أفادت", "اعتبر", "اعتبرت", "شدد", "شددت", "أبرز", "أبرزت");

    public static readonly WordSet Prepositions = Set(
        "في", "من", "إلى", "الى", "على", "عن", "مع", "ضد", "بين", "لدى", "عند", "نحو", "حول", "داخل", "خارج", "قرب", "عبر",
        "خلال", "أمام", "وراء", "تجاه", "بحق", "منذ", "حتى", "قبالة", "بالقرب");

    /// <summary>Nouns that may stand between في and the place: في مدينة الرياض، في شمال مالي.</summary>
    public static readonly WordSet GeoNouns = Set(
        "مدينة", "منطقة", "العاصمة", "عاصمة", "ولاية", "محافظة", "إقليم", "اقليم", "بلدة", "قرية", "مخيم", "حي", "ضواحي",
        "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "قطاع", "جزيرة", "دولة", "مملكة", "جمهورية");

    public static readonly WordSet RelativePronouns = Set("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي");

    /// <summary>Words between a subject and its verb in SVO order: إن المغرب قد …</summary>
    public static readonly WordSet SubjectParticles = Set("قد", "لقد", "أن", "إن", "ان");

    /// <summary>Adverbs skipped when looking for the subject after a verb.</summary>
    public static readonly WordSet Adverbs = Set(
        "حاليا", "أمس", "اليوم", "مجددا", "أيضا", "رسميا", "فعلا", "مؤخرا", "قد", "بدوره", "بدورها", "غدا", "الليلة", "صباح", "مساء");

    /// <summary>Common-noun subjects that act for a state, so a nisba after them names the actor: الجيش المصري.</summary>
    public static readonly WordSet StateHeads = Set(
        "الجيش", "جيش", "القوات", "قوات", "الحكومة", "حكومة", "الشرطة", "السلطات", "الأمن", "الخارجية", "الداخلية", "الدفاع",
        "الوزارة", "وزارة", "الرئاسة", "البرلمان", "المحكمة", "القضاء", "الطيران", "البحرية", "المخابرات", "الاستخبارات",
        "الرئيس", "رئيس", "الوزير", "وزير", "وزيرة", "الوزيرة", "الملك", "العاهل", "الأمير", "السفير", "السفارة", "المتحدث",
        "الناطق", "الحرس", "الشرطة", "الدرك", "المجلس", "الوفد", "وفد", "الجانب", "الطرف", "الإدارة", "النظام");

    /// <summary>Nouns between an event noun and an entity that make the entity the owner of the matter, not the actor: رفض قرار واشنطن.</summary>
    public static readonly WordSet ObjectNouns = Set(
        "قرار", "قرارات", "خطة", "خطط", "مقترح", "مقترحات", "اقتراح", "مشروع", "سياسة", "سياسات", "تصريحات", "تصريح", "اتهامات",
        "مواقف", "موقف", "إجراءات", "إجراء", "عرض", "مبادرة", "طلب", "شروط", "مطالب", "دعوة", "تهديدات");

    /// <summary>Verbs of saying that open a clause (a subset of <see cref="ClauseStarters"/>).</summary>
    public static readonly WordSet SpeechVerbs = Set(
        "أكد", "أكدت", "قال", "قالت", "أضاف", "أضافت", "أوضح", "أوضحت", "أشار", "أشارت", "أعلن", "أعلنت", "صرح", "صرحت",
        "ذكر", "ذكرت", "أفاد", "أفادت", "اعتبر", "اعتبرت", "شدد", "شددت");

    /// <summary>Vague plurals that the quantity layer turns into round numbers: not a count of victims.</summary>
    public static readonly WordSet VagueNumbers = Set("مئات", "آلاف", "عشرات", "ألوف", "المئات", "الآلاف", "العشرات");

    /// <summary>Markers of a cumulative or historical toll (منذ بدء الحرب، حصيلة … منذ، إجمالي).</summary>
    public static readonly WordSet CumulativeMarkers = Set("منذ", "إجمالي", "اجمالي", "الإجمالي", "إجمالا", "المجمل", "مجمل", "الإجمالية", "إجمالية", "طيلة", "طوال",
        "المجموع", "مجموع", "مدار", "حتى", "الآن", "الصراع", "حملة", "وثق", "وثقت", "توثيق", "استمرت", "استمر",
        // durations: «خلال شهرين»، «في الأيام التسعة الماضية»، «في 34 يوما»
        "أيام", "الأيام", "يوما", "يومين", "أسابيع", "الأسابيع", "أسبوعين", "أشهر", "الأشهر", "شهرين", "شهور", "الشهور",
        "سنوات", "السنوات", "أعوام", "الأعوام", "عاما", "عامين", "سنة", "سنتين");

    /// <summary>Natural disasters and accidents: deaths in them are not an assault.</summary>
    public static readonly WordSet Disasters = Set(
        "الفيضانات", "فيضانات", "فيضان", "الفيضان", "السيول", "سيول", "زلزال", "الزلزال", "إعصار", "الإعصار", "العاصفة", "عاصفة",
        "الانهيارات", "انهيارات", "انهيار", "حادث", "حادثة", "تصادم", "اصطدام", "الحريق", "حريق", "غرق", "الأمطار", "أمطار",
        "الثلوج", "الحر", "موجة", "وباء", "الوباء", "كورونا", "فيروس", "الكوليرا", "مرض", "المرض", "تسمم", "الجفاف", "المجاعة");

    public static readonly WordSet Negations = Set("لم", "لما", "لن");
    public static readonly WordSet FutureWords = Set("سوف", "سيتم", "ستتم", "سيجري", "يعتزم", "تعتزم", "ينوي", "تنوي",
        "يخطط", "تخطط", "المقرر", "المنتظر", "المرتقب", "المتوقع", "يتوقع", "يرتقب", "مرتقب", "مقرر", "يرتقب");
    public static readonly WordSet FutureAfter = Set("المقبل", "المقبلة", "القادم", "القادمة", "المرتقب", "المرتقبة", "المزمع", "المزمعة");
    public static readonly WordSet Conditionals = Set("إذا", "لو", "لولا", "حال");
    public static readonly WordSet GoalVerbs = Set("تهدف", "يهدف", "تسعى", "يسعى", "ترمي", "يرمي", "هدف", "بهدف", "تستهدف", "يستهدف");
    public static readonly WordSet PassiveAux = Set("تم", "يتم", "تمت", "سيتم", "ستتم", "جرى", "يجري");

    /// <summary>Agent markers in passives and nominal phrases: من قبل، من طرف، على يد، بقيادة.</summary>
    public static readonly WordSet AgentHeads = Set("قبل", "طرف", "يد", "قيادة");

    public static readonly WordSet Participation = Set("شارك", "يشارك", "تشارك", "شاركت", "مشاركة", "حضر", "حضره", "حضرها", "حضور");

    public static readonly WordSet KillBefore = Set("مقتل", "قتل", "استشهاد", "مصرع", "وفاة", "سقوط", "قتلت", "قتلوا");
    public static readonly WordSet KillAfter = Set("قتلى", "قتيلا", "قتيل", "شهيدا", "شهداء", "حتفهم", "حتفه", "مصرعهم", "مصرعه", "ضحايا", "ضحية", "قتلوا");
    public static readonly WordSet InjuryBefore = Set("إصابة", "جرح", "أصيب", "أصيبت", "إصابات");
    public static readonly WordSet InjuryAfter = Set("جرحى", "جريحا", "جريح", "مصابين", "مصابا", "إصابات", "بجروح");


    // ---- relation cues ----
    public static readonly WordSet ChairVerbs = Set("يترأس", "تترأس", "ترأس", "ترأست", "يرأس", "رأس", "رأست", "يتولى", "تتولى");
    public static readonly WordSet ShareVerbs = Set("يشترك", "تشترك", "اشترك", "اشتركت", "يتقاسم", "تتقاسم");
    public static readonly WordSet JointWords = Set("مشترك", "مشتركة", "مناصفة", "بالاشتراك", "مشتركا", "اشتراك");
    public static readonly WordSet ContainVerbs = Set("يضم", "تضم", "ضم", "ضمت", "يتألف", "تتألف", "يتكون", "تتكون", "يشمل", "تشمل", "يجمع", "تجمع");
    public static readonly WordSet MemberNouns = Set("دولة", "دول", "عضوا", "عضو", "أعضاء", "بلدا", "بلد", "بلدان", "منظمة", "منظمات", "حكومة", "دولا");
    public static readonly WordSet RoleHeads = Set(
        "مدير", "مديرة", "وزير", "وزيرة", "رئيس", "رئيسة", "سفير", "سفيرة", "مستشار", "مستشارة", "أمين", "الأمين", "متحدث",
        "المتحدث", "ناطق", "الناطق", "نائب", "قائد", "مسؤول", "مسؤولة", "منسق", "منسقة", "ممثل", "ممثلة", "مبعوث", "مبعوثة",
        "كاتب", "كاتبة", "عضو", "محافظ", "والي", "عميد", "مفوض", "مفوضة", "زعيم", "رئيسا", "مديرا", "وزيرا");
    public static readonly WordSet JoinVerbs = Set("انضمام", "انضم", "انضمت", "ينضم", "تنضم", "عضوية");
    public static readonly string Riasa = ArabicNormalizer.Normalize("رئاسة", NormalizationLevel.Matching);
    public static readonly WordSet Chairing = Set("رئاسة", "الرئاسة");
    public static readonly WordSet ChairingOf = Set("رئاسة", "رئاست", "رئاسته", "رئاستها", "رئاستهما", "رئاستهم");

    /// <summary>Every word of every set above with the sets it belongs to; built after them (field order matters).</summary>
    private static readonly FrozenDictionary<string, ulong> AllWords = WordSet.Freeze();
    private static readonly FrozenDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> AllLookup = AllWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SpanFilter AllFilter = BuildFilter();

    private static SpanFilter BuildFilter()
    {
        var f = new SpanFilter();
        foreach (var w in AllWords.Keys) f.Add(w);
        return f;
    }

    private static ulong Lookup(ReadOnlySpan<char> form) =>
        AllFilter.MayContain(form) && AllLookup.TryGetValue(form, out ulong b) ? b : 0;

    /// <summary>
    /// The sets a token belongs to, as bits: its stem, its whole form, and the form without و/ف and
    /// without a preposition ب/ل are looked up once, so later checks are array reads.
    /// </summary>
    public static ulong FlagsOf(WordToken t)
    {
        if (!t.IsArabic) return 0;
        ulong f = Lookup(t.Norm);
        if (!ReferenceEquals(t.Stem, t.Norm) && t.Stem != t.Norm) f |= Lookup(t.Stem);
        var bare = Bare(t.Norm);
        if (bare.Length != t.Norm.Length) f |= Lookup(bare);
        var noPrep = WithoutPreposition(t.Norm);
        if (noPrep.Length > 0) f |= Lookup(noPrep);
        return f;
    }

    /// <summary>The token's Matching form without a leading conjunction و or ف (for closed-class words).</summary>
    public static ReadOnlySpan<char> Bare(string norm)
    {
        if (norm.Length > 2 && (norm[0] == ArabicLetters.Waw || norm[0] == ArabicLetters.Feh))
            return norm.AsSpan(1);
        return norm;
    }

    /// <summary>
    /// The word without a leading و/ف and a preposition ب or ل that the clitic segmenter left on
    /// (it splits them only before ال): بانضمام → انضمام, لاجتماع → اجتماع. Empty when there is none.
    /// </summary>
    public static ReadOnlySpan<char> WithoutPreposition(string norm)
    {
        var w = Bare(norm);
        if (w.Length >= 4 && (w[0] == ArabicLetters.Beh || w[0] == ArabicLetters.Lam)) return w[1..];
        return [];
    }

    /// <summary>The word without an article the segmenter left on (ال، بال، لل، وال …); empty when none.</summary>
    public static ReadOnlySpan<char> WithoutArticle(string stem)
    {
        var w = Bare(stem);
        if (w.Length >= 3 && (w[0] == ArabicLetters.Beh || w[0] == ArabicLetters.Kaf) && w[1] == ArabicLetters.Alef && w[2] == ArabicLetters.Lam) w = w[1..];
        if (w.Length >= 4 && w[0] == ArabicLetters.Lam && w[1] == ArabicLetters.Lam) return w[2..];
        if (w.Length >= 4 && w[0] == ArabicLetters.Alef && w[1] == ArabicLetters.Lam) return w[2..];
        return [];
    }

    /// <summary>The word is in <paramref name="set"/>, possibly behind و/ف and ب/ل.</summary>
    public static bool Is(WordSet set, string norm)
    {
        if (set.Contains(norm)) return true;
        var bare = Bare(norm);
        if (bare.Length != norm.Length && set.Contains(bare)) return true;
        var noPrep = WithoutPreposition(norm);
        return noPrep.Length > 0 && set.Contains(noPrep);
    }
}

/// <summary>A frozen set of words at Matching level, looked up by string or span without allocating.</summary>
internal sealed class WordSet
{
    private static readonly Dictionary<string, ulong> Registry = new(StringComparer.Ordinal);
    private static int _next;

    private readonly FrozenSet<string> _set;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordSet(IEnumerable<string> words)
    {
        if (_next >= 64) throw new InvalidOperationException("at most 64 word sets");
        Bit = 1UL << _next++;
        _set = words.Select(w => ArabicNormalizer.Normalize(w, NormalizationLevel.Matching)).ToFrozenSet(StringComparer.Ordinal);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var w in _set) Registry[w] = Registry.GetValueOrDefault(w) | Bit;
    }

    /// <summary>This set's bit in <see cref="EventWords.FlagsOf"/>.</summary>
    public ulong Bit { get; }

    public bool Contains(string word) => _set.Contains(word);

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);

    /// <summary>The set's own string equal to <paramref name="word"/>, or null (no allocation).</summary>
    public string? Canonical(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var actual) ? actual : null;

    internal static FrozenDictionary<string, ulong> Freeze() => Registry.ToFrozenDictionary(StringComparer.Ordinal);
}
