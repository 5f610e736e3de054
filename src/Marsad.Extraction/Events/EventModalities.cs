using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>How an event is told: done (asserted), denied, expected, conditional, or told as history.</summary>
internal enum EventModality : byte
{
    Asserted,
    Negated,
    Future,
    Hypothetical,
    /// <summary>Background told as history (a date long before the dateline, «آنذاك»، «في الماضي»): it happened, but it is not the article's news.</summary>
    Historical,
}

/// <summary>Whether an event is asserted, negated, future or hypothetical: particles before the trigger, conditions, aims, dates after publication.</summary>
internal static class EventModalities
{
    /// <summary>The contract's word for a modality (marsad.analysis/1 «modality»).</summary>
    public static string Wire(this EventModality m) => m switch
    {
        EventModality.Negated => "negated",
        EventModality.Future => "future",
        EventModality.Hypothetical => "hypothetical",
        EventModality.Historical => "historical",
        _ => "asserted",
    };

    internal static void PickModality(AnnotationIndex ix, EventMention m)
    {
        var tokens = ix.Tokens;
        if (m.Entry.Future || (tokens[m.Token].Proclitics & Proclitics.Seen) != 0) m.Modality = EventModality.Future;
        if (m.LentModality is { } lent) { m.Modality = lent; return; }
        for (int k = m.Token - 1; k >= Math.Max(m.ClauseStart, m.Token - 3); k--)
        {
            var t = tokens[k];
            if (!t.IsArabic) continue;
            var norm = t.Norm;
            if (ix.Has(k, EventWords.Negations) || (norm is "لا" or "ولا" && m.Entry.Imperfect) || (t.Stem == "عدم" && m.IsNoun))
            {
                m.Modality = EventModality.Negated;
                return;
            }
            if (norm is "قد" or "وقد" && m.Entry.Imperfect) { m.Modality = EventModality.Hypothetical; return; }
            if (ix.Has(k, EventWords.FutureWords)) { m.Modality = EventModality.Future; return; }
        }
        // «وتمتنع إسرائيل عن شن غارات»: a verb of refraining, then «عن», before the event
        bool an = false;
        for (int k = m.Token - 1; k >= Math.Max(m.ClauseStart, m.Token - 6); k--)
        {
            if (!tokens[k].IsArabic) continue;
            if (EventWords.Bare(tokens[k].Norm).SequenceEqual("عن")) an = true;
            else if (an && ix.Has(k, EventWords.RefrainVerbs)) { m.Modality = EventModality.Negated; return; }
        }
        // «أي انسحاب إيراني سيزيد …»: any such event, none in particular
        if (m.IsNoun && m.Token > 0 && tokens[m.Token - 1].Sentence == m.Sentence && ix.Has(m.Token - 1, EventWords.AnyWords)) { m.Modality = EventModality.Hypothetical; return; }
        for (int k = m.Token - 1; k >= m.ClauseStart; k--)
            if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = EventModality.Hypothetical; return; }
        // «ستفرض عقوبات إذا …»: a condition after a future or unrealised act. A threat (هدد بـ … إذا)
        // and a past verb did happen; the condition is on what they announce.
        if (m.Type != "THREATEN" && (m.Modality == EventModality.Future || m.Entry.Imperfect))
            for (int k = m.End; k < m.ClauseEnd; k++)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = EventModality.Hypothetical; return; }
        // purpose: «تهدف خطة العمل … إلى دعم»
        if (m.Token > 0 && EventWords.Bare(tokens[m.Token - 1].Norm) is var before && (before.SequenceEqual("الي") || before.SequenceEqual("بهدف")))
        {
            var (sStart, _) = ix.SentenceTokens[m.Sentence];
            for (int k = m.Token - 1; k >= sStart; k--)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.GoalVerbs)) { m.Modality = EventModality.Future; return; }
        }
        // an explicit time after the publication date
        if (m.Modality == EventModality.Asserted && m.TimeExplicit && m.Time is not null && ix.Doc.Document.Published is DateOnly pub
            && IsoInterval.TryParse(m.Time, out var iv) && iv.Start > pub)
            m.Modality = EventModality.Future;
    }
}
