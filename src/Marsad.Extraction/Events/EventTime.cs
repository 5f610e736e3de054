using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>An event's date: a time expression of its clause or window, at the precision the times stage gives it.</summary>
internal static class EventTime
{
    internal static void PickTime(AnnotationIndex ix, EventMention m)
    {
        // After the trigger within its window (الاجتماع … الذي عقد في 11 مايو), else before it in the clause.
        for (int j = m.End; j < m.WindowEnd; j++)
            if (ix.TimeOf[j] >= 0) { SetTime(ix, m, ix.TimeOf[j]); return; }
        for (int j = m.Token - 1; j >= m.ClauseStart; j--)
            if (ix.TimeOf[j] >= 0) { SetTime(ix, m, ix.TimeOf[j]); return; }
        // «وفي 17 مايو، أكد الوزراء رفض …»: a time before the speech verb that opened the clause covers what is said.
        if (m.ClauseStart > 0 && ix.Has(m.ClauseStart - 1, EventWords.SpeechVerbs))
        {
            var (sStart, _) = ix.SentenceTokens[m.Sentence];
            for (int j = m.ClauseStart - 2; j >= sStart && !IsBoundary(ix, j); j--)
                if (ix.TimeOf[j] >= 0) { SetTime(ix, m, ix.TimeOf[j]); return; }
        }
        // A bare year right after the event's phrase names its time: «حرب 1967»، «اجتياح إسرائيل 1982 للبنان».
        int limit = Math.Min(m.WindowEnd, Math.Max(m.End, m.PhraseEnd + 1) + 3);
        for (int j = m.End; j < limit; j++)
        {
            var t = ix.Tokens[j];
            if (t.Kind != TokenKind.Number || t.Norm.Length != 4) continue;
            if (ArabicCounts.ParseDigits(t.Norm) is int y && y >= 1900 && (ix.Doc.Document.Published is not DateOnly p || y <= p.Year))
            {
                m.Time = t.Norm;
                m.TimeExplicit = true;
            }
            return;
        }
    }

    internal static void SetTime(AnnotationIndex ix, EventMention m, int time)
    {
        // «منذ سبع سنوات», «منذ 2011»: where a duration starts, not when this happened.
        var tv = ix.Doc.Times[time];
        if (tv.Text.StartsWith("منذ", StringComparison.Ordinal)) return;
        int j = ix.FirstTokenEndingAfter(tv.Start) - 1;
        if (j >= 0 && ix.TimeOf[j] < 0 && EventWords.Bare(ix.Tokens[j].Norm).SequenceEqual("منذ")) return;
        m.Time = ix.Doc.Times[time].Value;
        m.TimeExplicit = true;
    }

    /// <summary>«قتل 12 شخصا جراء الفيضانات»: a death word or an explosion in a clause about a flood or an accident.</summary>
}
