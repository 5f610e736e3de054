using Marsad.Extraction.Data;
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
    // The lists come from Data/events/words.tsv and Data/relations/cues.tsv (one reader, WordLists);
    // each field takes its list by name, and a list in a file that no field takes is an error.
    private static readonly WordLists Events = WordLists.LoadEmbedded("events/words.tsv");
    private static readonly WordLists Relations = WordLists.LoadEmbedded("relations/cues.tsv");

    /// <summary>Words that open a new clause: arguments of a trigger are never looked for past them.</summary>
    public static readonly WordSet ClauseStarters = Events.Take("clause-starters");
    public static readonly WordSet Prepositions = Events.Take("prepositions");
    /// <summary>Nouns that may stand between في and the place: في مدينة الرياض، في شمال مالي.</summary>
    public static readonly WordSet GeoNouns = Events.Take("geo-nouns");
    public static readonly WordSet RelativePronouns = Events.Take("relative-pronouns");
    /// <summary>Words between a subject and its verb in SVO order: إن المغرب قد …</summary>
    public static readonly WordSet SubjectParticles = Events.Take("subject-particles");
    /// <summary>Adverbs skipped when looking for the subject after a verb.</summary>
    public static readonly WordSet Adverbs = Events.Take("adverbs");
    /// <summary>Common-noun subjects that act for a state, so a nisba after them names the actor: الجيش المصري.</summary>
    public static readonly WordSet StateHeads = Events.Take("state-heads");
    /// <summary>Nouns between an event noun and an entity that make the entity the owner of the matter, not the actor: رفض قرار واشنطن.</summary>
    public static readonly WordSet ObjectNouns = Events.Take("object-nouns");
    /// <summary>Verbs of saying that open a clause (a subset of <see cref="ClauseStarters"/>).</summary>
    public static readonly WordSet SpeechVerbs = Events.Take("speech-verbs");
    /// <summary>Vague plurals that the quantity layer turns into round numbers: not a count of victims.</summary>
    public static readonly WordSet VagueNumbers = Events.Take("vague-numbers");
    /// <summary>Markers of a cumulative or historical toll (منذ بدء الحرب، حصيلة … منذ، إجمالي).</summary>
    public static readonly WordSet CumulativeMarkers = Events.Take("cumulative-markers");
    /// <summary>Natural disasters and accidents: deaths in them are not an assault.</summary>
    public static readonly WordSet Disasters = Events.Take("disasters");
    public static readonly WordSet Negations = Events.Take("negations");
    public static readonly WordSet FutureWords = Events.Take("future-words");
    public static readonly WordSet FutureAfter = Events.Take("future-after");
    public static readonly WordSet Conditionals = Events.Take("conditionals");
    public static readonly WordSet GoalVerbs = Events.Take("goal-verbs");
    public static readonly WordSet PassiveAux = Events.Take("passive-aux");
    /// <summary>Agent markers in passives and nominal phrases: من قبل، من طرف، على يد، بقيادة.</summary>
    public static readonly WordSet AgentHeads = Events.Take("agent-heads");
    public static readonly WordSet Participation = Events.Take("participation");
    public static readonly WordSet KillBefore = Events.Take("kill-before");
    public static readonly WordSet KillAfter = Events.Take("kill-after");
    public static readonly WordSet InjuryBefore = Events.Take("injury-before");
    public static readonly WordSet InjuryAfter = Events.Take("injury-after");
    /// <summary>Titles between a subject's head and a person's name in apposition (العاهل السعودي الملك سلمان).</summary>
    public static readonly WordSet PersonTitles = Events.Take("person-titles");
    /// <summary>Words before a masdar that make the main clause's subject its actor (بعد توقيع اتفاقية).</summary>
    public static readonly WordSet ControllerWords = Events.Take("controller-words");
    /// <summary>The preposition of a speech verb's complement masdar (أعلن عن توقيع).</summary>
    public static readonly WordSet SpeechComplement = Events.Take("speech-complement");
    /// <summary>Words that take a masdar right after them (بعد، محاولة): the next word is a noun, not a verb.</summary>
    public static readonly WordSet MasdarHeads = Events.Take("masdar-heads");
    /// <summary>Forms of كان before «قد» + a past verb: the pluperfect of background (وكان X قد أنكر).</summary>
    public static readonly WordSet PluperfectAux = Events.Take("pluperfect-aux");
    /// <summary>Nouns of a charge: a date after them dates the alleged act, not the denial or accusation.</summary>
    public static readonly WordSet ChargeNouns = Events.Take("charge-nouns");
    /// <summary>Nouns of deciding before «NAME + masdar» (قرار الكويت طرد السفير).</summary>
    public static readonly WordSet DecisionNouns = Events.Take("decision-nouns");
    /// <summary>Words before a time that make it history (منذ 2011، ولد عام 1948).</summary>
    public static readonly WordSet HistoryMarkers = Events.Take("history-markers");
    /// <summary>Cues of the past in an undated clause: the event is told as history.</summary>
    public static readonly WordSet PastCues = Events.Take("past-cues");

    /// <summary>«غداة زيارة»: the event named after it was the day before the one it follows.</summary>
    public static readonly WordSet DayAfter = Events.Take("day-after");
    /// <summary>«عشية زيارة»: the event named after it is the day after the one it follows.</summary>
    public static readonly WordSet EveOf = Events.Take("eve-of");

    /// <summary>«تشهد غزة مسيرات»: the verb's subject is the place of the event noun it governs.</summary>
    public static readonly WordSet WitnessVerbs = Events.Take("witness-verbs");

    /// <summary>«وصفت الوزيرة الهجوم بأنه شنيع»: a describing verb (see <see cref="CondemnWords"/>).</summary>
    public static readonly WordSet DescribeVerbs = Events.Take("describe-verbs");
    public static readonly WordSet AsParticles = Events.Take("as-particles");
    /// <summary>Words of condemnation that make a description an ACCUSE (condemn).</summary>
    public static readonly WordSet CondemnWords = Events.Take("condemn-words");

    /// <summary>«أي انسحاب»: an event noun after «أي» is any such event (hypothetical).</summary>
    public static readonly WordSet AnyWords = Events.Take("any-words");

    /// <summary>«خطف صلاح هدف الفوز»: objects of خطف that make it no abduction.</summary>
    public static readonly WordSet NotAbducted = Events.Take("not-abducted");

    /// <summary>«تمتنع إسرائيل عن شن غارات»: verbs of refraining, with «عن» before the event.</summary>
    public static readonly WordSet RefrainVerbs = Events.Take("refrain-verbs");

    /// <summary>«الأخير» as a pronoun: the person named last (AnnotationIndex.MarkLatter).</summary>
    public static readonly WordSet Latter = Events.Take("latter");

    // ---- relation cues ----
    public static readonly WordSet ChairVerbs = Relations.Take("chair-verbs");
    public static readonly WordSet ShareVerbs = Relations.Take("share-verbs");
    public static readonly WordSet JointWords = Relations.Take("joint-words");
    public static readonly WordSet ContainVerbs = Relations.Take("contain-verbs");
    public static readonly WordSet MemberNouns = Relations.Take("member-nouns");
    public static readonly WordSet RoleHeads = Relations.Take("role-heads");
    /// <summary>Titles of an office held for a state or body, whose nisba names it: الرئيس الأمريكي (not المدرب الهولندي).</summary>
    public static readonly WordSet StateOffices = Relations.Take("state-offices");
    public static readonly WordSet JoinVerbs = Relations.Take("join-verbs");
    public static readonly WordSet Chairing = Relations.Take("chairing");
    public static readonly WordSet ChairingOf = Relations.Take("chairing-of");
    /// <summary>Organisations that are a building at a place: «السفارة الأمريكية في القدس» is located_in.</summary>
    public static readonly WordSet FacilityHeads = Relations.Take("facility-heads");
    /// <summary>«انتخب عن حزب …»: the elected person is a member of the party.</summary>
    public static readonly WordSet ElectVerbs = Relations.Take("elect-verbs");
    public static readonly string Riasa = ArabicNormalizer.Normalize("رئاسة", NormalizationLevel.Matching);

    /// <summary>Every word of every set above with the sets it belongs to; built after them (field order matters).</summary>
    private static readonly FrozenDictionary<string, ulong> AllWords = Freeze();
    private static readonly FrozenDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> AllLookup = AllWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SpanFilter AllFilter = BuildFilter();

    private static FrozenDictionary<string, ulong> Freeze()
    {
        Events.EnsureAllTaken();
        Relations.EnsureAllTaken();
        return WordSet.Freeze();
    }

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
