using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>Whether an event is asserted, negated, future or hypothetical: particles before the trigger, conditions, aims, dates after publication.</summary>
internal static class EventModalities
{
    internal static void PickModality(AnnotationIndex ix, EventMention m)
    {
        var tokens = ix.Tokens;
        if (m.Entry.Future || (tokens[m.Token].Proclitics & Proclitics.Seen) != 0) m.Modality = "future";
        if (m.LentModality is { } lent) { m.Modality = lent; return; }
        for (int k = m.Token - 1; k >= Math.Max(m.ClauseStart, m.Token - 3); k--)
        {
            var t = tokens[k];
            if (!t.IsArabic) continue;
            var norm = t.Norm;
            if (ix.Has(k, EventWords.Negations) || (norm is "لا" or "ولا" && m.Entry.Imperfect) || (t.Stem == "عدم" && m.IsNoun))
            {
                m.Modality = "negated";
                return;
            }
            if (norm is "قد" or "وقد" && m.Entry.Imperfect) { m.Modality = "hypothetical"; return; }
            if (ix.Has(k, EventWords.FutureWords)) { m.Modality = "future"; return; }
        }
        for (int k = m.Token - 1; k >= m.ClauseStart; k--)
            if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = "hypothetical"; return; }
        // «ستفرض عقوبات إذا …»: a condition after a future or unrealised act. A threat (هدد بـ … إذا)
        // and a past verb did happen; the condition is on what they announce.
        if (m.Type != "THREATEN" && (m.Modality == "future" || m.Entry.Imperfect))
            for (int k = m.End; k < m.ClauseEnd; k++)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = "hypothetical"; return; }
        // purpose: «تهدف خطة العمل … إلى دعم»
        if (m.Token > 0 && EventWords.Bare(tokens[m.Token - 1].Norm) is var before && (before.SequenceEqual("الي") || before.SequenceEqual("بهدف")))
        {
            var (sStart, _) = ix.SentenceTokens[m.Sentence];
            for (int k = m.Token - 1; k >= sStart; k--)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.GoalVerbs)) { m.Modality = "future"; return; }
        }
        // an explicit time after the publication date
        if (m.Modality == "asserted" && m.TimeExplicit && m.Time is not null && ix.Doc.Document.Published is DateOnly pub
            && IsoInterval.TryParse(m.Time, out var iv) && iv.Start > pub)
            m.Modality = "future";
    }
}
