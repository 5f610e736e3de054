using System.Collections.Frozen;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// Closed-class words the event and relation stages reason with (prepositions, clause starters,
/// negation and modality particles …), at Matching level. Token forms are compared after the
/// conjunctions و/ف are taken off (<see cref="Bare"/>).
/// </summary>
internal static class EventWords
{
    private static FrozenSet<string> Set(params string[] words) =>
        words.Select(w => ArabicNormalizer.Normalize(w, NormalizationLevel.Matching)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that open a new clause: arguments of a trigger are never looked for past them.</summary>
    public static readonly FrozenSet<string> ClauseStarters = Set(
        "كما", "بينما", "فيما", "حيث", "لكن", "لكنه", "لكنها", "غير", "إلا", "ثم", "إذ", "بالتالي", "بعدما", "عندما",
        "أكد", "أكدت", "قال", "قالت", "أضاف", "أضافت", "أوضح", "أوضحت", "أشار", "أشارت", "أعلن", "أعلنت", "صرح", "صرحت",
        "يؤكد", "تؤكد", "يقول", "تقول", "يضيف", "تضيف", "يشير", "تشير", "تجدر", "يذكر", "يشار", "بحسب", "وفق", "وفقا", "حسب",
        "ذكر", "ذكرت", "أفاد", "أفادت", "اعتبر", "اعتبرت", "شدد", "شددت", "أبرز", "أبرزت");

    public static readonly FrozenSet<string> Prepositions = Set(
        "في", "من", "إلى", "الى", "على", "عن", "مع", "ضد", "بين", "لدى", "عند", "نحو", "حول", "داخل", "خارج", "قرب", "عبر",
        "خلال", "أمام", "وراء", "تجاه", "بحق", "منذ", "حتى", "قبالة", "بالقرب");

    /// <summary>Nouns that may stand between في and the place: في مدينة الرياض، في شمال مالي.</summary>
    public static readonly FrozenSet<string> GeoNouns = Set(
        "مدينة", "منطقة", "العاصمة", "عاصمة", "ولاية", "محافظة", "إقليم", "اقليم", "بلدة", "قرية", "مخيم", "حي", "ضواحي",
        "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "قطاع", "جزيرة", "دولة", "مملكة", "جمهورية");

    public static readonly FrozenSet<string> RelativePronouns = Set("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي");

    /// <summary>Words between a subject and its verb in SVO order: إن المغرب قد …</summary>
    public static readonly FrozenSet<string> SubjectParticles = Set("قد", "لقد", "أن", "إن", "ان");

    /// <summary>Adverbs skipped when looking for the subject after a verb.</summary>
    public static readonly FrozenSet<string> Adverbs = Set(
        "حاليا", "أمس", "اليوم", "مجددا", "أيضا", "رسميا", "فعلا", "مؤخرا", "قد", "بدوره", "بدورها", "غدا", "الليلة", "صباح", "مساء");

    public static readonly FrozenSet<string> Negations = Set("لم", "لما", "لن");
    public static readonly FrozenSet<string> FutureWords = Set("سوف", "سيتم", "ستتم", "سيجري", "يعتزم", "تعتزم", "ينوي", "تنوي",
        "يخطط", "تخطط", "المقرر", "المنتظر", "المرتقب", "المتوقع", "يتوقع", "يرتقب", "مرتقب", "مقرر", "يرتقب");
    public static readonly FrozenSet<string> FutureAfter = Set("المقبل", "المقبلة", "القادم", "القادمة", "المرتقب", "المرتقبة", "المزمع", "المزمعة");
    public static readonly FrozenSet<string> Conditionals = Set("إذا", "لو", "لولا");
    public static readonly FrozenSet<string> GoalVerbs = Set("تهدف", "يهدف", "تسعى", "يسعى", "ترمي", "يرمي", "هدف", "بهدف", "تستهدف", "يستهدف");
    public static readonly FrozenSet<string> PassiveAux = Set("تم", "يتم", "تمت", "سيتم", "ستتم", "جرى", "يجري");

    /// <summary>Agent markers in passives and nominal phrases: من قبل، من طرف، على يد، بقيادة.</summary>
    public static readonly FrozenSet<string> AgentHeads = Set("قبل", "طرف", "يد", "قيادة");

    public static readonly FrozenSet<string> Participation = Set("شارك", "يشارك", "تشارك", "شاركت", "مشاركة", "حضر", "حضره", "حضرها", "حضور");

    public static readonly FrozenSet<string> KillBefore = Set("مقتل", "قتل", "استشهاد", "مصرع", "وفاة", "سقوط", "قتلت", "قتلوا");
    public static readonly FrozenSet<string> KillAfter = Set("قتلى", "قتيلا", "قتيل", "شهيدا", "شهداء", "حتفهم", "حتفه", "مصرعهم", "مصرعه", "ضحايا", "ضحية", "قتلوا");
    public static readonly FrozenSet<string> InjuryBefore = Set("إصابة", "جرح", "أصيب", "أصيبت", "إصابات");
    public static readonly FrozenSet<string> InjuryAfter = Set("جرحى", "جريحا", "جريح", "مصابين", "مصابا", "إصابات", "بجروح");

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
    public static bool Is(FrozenSet<string> set, string norm)
    {
        if (set.Contains(norm)) return true;
        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        var bare = Bare(norm);
        if (bare.Length != norm.Length && lookup.Contains(bare)) return true;
        var noPrep = WithoutPreposition(norm);
        return noPrep.Length > 0 && lookup.Contains(noPrep);
    }
}
