using Marsad.Text;

namespace Marsad.Extraction.Events;

internal static partial class EventArguments
{
    /// <summary>
    /// Actors that come from another predication, in token order over the document:
    /// <list type="bullet">
    /// <item>a dropped or pronoun subject («وأضاف»، «وطالب»، «إنه يرفض») is the subject of the last active
    /// verb with a subject, in this sentence or the one before;</item>
    /// <item>a speaker («قال/أعلن/أكد X») is the actor of the speech acts its complement codes (ACCUSE,
    /// REQUEST, REJECT, THREATEN) and of a masdar it governs through عن («أعلنتا عن توقيع»), not of
    /// other events it only reports;</item>
    /// <item>a masdar after بعد/قبل/إثر/بهدف, or a participle after the clause («… مطالبا بتشكيل»), takes
    /// the subject of the verb of its sentence.</item>
    /// </list>
    /// </summary>
    internal static void LendSpeakers(AnnotationIndex ix, List<EventMention> mentions)
    {
        EventMention? antecedent = null, speaker = null, verb = null;
        int sentence = -1;
        foreach (var m in mentions)
        {
            if (m.Sentence != sentence)
            {
                if (antecedent is not null && antecedent.Sentence < m.Sentence - 1) antecedent = null;
                speaker = null;
                verb = null;
                sentence = m.Sentence;
            }
            if (m.Actors.Count == 0 && !m.Passive)
            {
                if (!m.IsNoun)
                {
                    // «زار البابا … وحث السكان على …»، «أنها ترفض القانون»: after و or a subject pronoun
                    // a bare common noun is the object, not a new subject
                    bool coordinated = CoordinatedPredicate(ix, m, antecedent);
                    if ((!m.HasOwnSubject || (m.WeakSubject && (coordinated || AfterSubjectPronoun(ix, m)))) && m.SubjectEvent is null)
                    {
                        // Only a verb that opens its clause has no subject before it: in «… ساركوزي دعوا»
                        // an unrecognised name stands there.
                        var from = !(StartsClause(ix, m) || coordinated) ? null
                            : speaker is not null && TypeTraits.Is(m.Type, TypeTrait.Speech) ? speaker : antecedent;
                        if (from is not null) foreach (var a in from.Actors) m.AddActor(a);
                    }
                }
                else if (speaker is not null && (TypeTraits.Is(m.Type, TypeTrait.Speech) || (m.Token > 0 && ix.Has(m.Token - 1, EventWords.SpeechComplement))))
                    foreach (var a in speaker.Actors) m.AddActor(a);
                // «بعد مقتل عاملة»: the victim of a killing after بعد is not the main clause's doing
                else if (verb is not null && !TypeTraits.Is(m.Type, TypeTrait.Coercive) && IsControlled(ix, m))
                    foreach (var a in verb.Actors) m.AddActor(a);
                // «وافتتحت المنظمة مكتبا … بعد توقيع اتفاقية»: the main verb codes no event, its subject still controls the masdar
                // (not a speech act: «أصدرت المحكمة حكمها بعد إدانتهما» is no condemnation by the court)
                else if (verb is null && !TypeTraits.Is(m.Type, TypeTrait.Coercive | TypeTrait.Speech) && m.Token > 0 && ix.Has(m.Token - 1, EventWords.ControllerWords)
                         && SentenceSubject(ix, m) is int subject)
                    m.AddActor(subject);
            }
            if (!m.IsNoun && !m.Passive && m.Actors.Count > 0)
            {
                antecedent = verb = m;
                if (m.IsSpeech) speaker = m;
            }
        }
    }

    /// <summary>
    /// The subject of a sentence in verb-subject order: its first word is a verb (no name, no
    /// punctuation) and a name that can act follows it at once («وافتتحت منظمة العمل الدولية …»).
    /// </summary>
    private static int? SentenceSubject(AnnotationIndex ix, EventMention m)
    {
        var (sStart, _) = ix.SentenceTokens[m.Sentence];
        if (ix.Tokens[m.Token].Start < ix.Doc.TitleRange.End) return null;
        int v = sStart;
        if (v + 1 >= m.Token || ix.EntityOf[v] >= 0 || ix.IsPunct(v) || !ix.Tokens[v].IsArabic || ix.IsDefinite(v)) return null;
        if (ix.TimeOf[v] >= 0 || ix.Has(v, EventWords.Prepositions) || ix.Has(v, EventWords.SubjectParticles)) return null;
        return ix.IsMentionStart(v + 1) && ix.CanAct(ix.EntityOf[v + 1]) ? ix.EntityOf[v + 1] : null;
    }

    /// <summary>The verb opens its clause: after punctuation or a clause starter, with و/ف on it, or after «إنه/أنها».</summary>
    private static bool StartsClause(AnnotationIndex ix, EventMention m)
    {
        int v = m.Token;
        if (v == m.ClauseStart) return true;
        var t = ix.Tokens[v];
        if ((t.Proclitics & (Proclitics.Waw | Proclitics.Fa)) != 0) return v - 1 < m.ClauseStart || ix.IsPunct(v - 1) || ix.Has(v - 1, EventWords.SubjectParticles);
        if (ix.IsPunct(v - 1) || ix.Has(v - 1, EventWords.SubjectParticles)) return true;
        return AfterSubjectPronoun(ix, m);
    }

    /// <summary>«إنه»، «أنها» right before the verb: the pronoun is its subject and refers back to the subject before.</summary>
    private static bool AfterSubjectPronoun(AnnotationIndex ix, EventMention m)
    {
        if (m.Token == 0) return false;
        var bare = EventWords.Bare(ix.Tokens[m.Token - 1].Norm);
        return bare.Length is 3 or 4 && bare[0] == ArabicLetters.Alef && bare[1] == ArabicLetters.Noon && bare[2] == ArabicLetters.Heh;
    }

    /// <summary>
    /// «زار البابا فرنسيس … وحث السكان»: a verb with و/ف on it after an event verb of its own sentence
    /// is a second predicate of that verb's subject, even with no comma before it.
    /// </summary>
    private static bool CoordinatedPredicate(AnnotationIndex ix, EventMention m, EventMention? antecedent) =>
        antecedent is not null && antecedent.Sentence == m.Sentence && antecedent.Token < m.Token
        && (ix.Tokens[m.Token].Proclitics & (Proclitics.Waw | Proclitics.Fa)) != 0;

    /// <summary>A masdar after بعد/قبل/إثر/بهدف, or an indefinite accusative participle (مطالبا، داعيا) after a comma or a name.</summary>
    private static bool IsControlled(AnnotationIndex ix, EventMention m)
    {
        int p = m.Token - 1;
        if (p < 0 || ix.Tokens[p].Sentence != m.Sentence) return false;
        if (ix.Has(p, EventWords.ControllerWords)) return true;
        var norm = ix.Tokens[m.Token].Norm;
        return !m.Definite && m.End == m.Token + 1 && norm.Length > 3 && norm[^1] == ArabicLetters.Alef
            && (ix.IsPunct(p) || ix.EntityOf[p] >= 0);
    }
}
