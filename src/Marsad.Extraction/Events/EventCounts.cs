using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>Participants, fatalities and injured of one event (not a cumulative toll), and deaths in disasters.</summary>
internal static class EventCounts
{
    /// <summary>Larger figures near «قتلى» are in news almost always cumulative tolls (of a war, a campaign), not one event's.</summary>
    private const int MaxCasualties = 1000;

    /// <summary>
    /// An ASSAULT that is a natural disaster or an accident: a generic death word (مقتل، انفجار) in a
    /// clause about a flood or an accident, or a verb whose subject is one (طقس عاصف يجتاح).
    /// </summary>
    internal static bool IsDisaster(AnnotationIndex ix, EventMention m)
    {
        bool generic = m.Mode is null && ix.Has(m.Token, EventWords.KillBefore)
            || EventWords.WithoutArticle(ix.Tokens[m.Token].Stem).SequenceEqual("انفجار") || ix.Tokens[m.Token].Stem == "انفجار";
        if (!generic)
        {
            // «طقس عاصف يجتاح وسط أميركا»، «اجتاحت الفيضانات …»: a disaster as the verb's subject
            for (int k = Math.Max(m.ClauseStart, m.Token - 2); k < Math.Min(m.ClauseEnd, m.End + 2); k++)
                if (k != m.Token && ix.Has(k, EventWords.Disasters)) return !m.IsNoun;
            // «الأمطار الغزيرة التي اجتاحت غرب اليابان»: the antecedent of a relative verb (and its adjective)
            if (!m.IsNoun && m.Token > 1 && ix.Has(m.Token - 1, EventWords.RelativePronouns))
                for (int k = m.Token - 2; k >= Math.Max(0, m.Token - 3) && ix.Tokens[k].Sentence == m.Sentence; k--)
                    if (ix.Has(k, EventWords.Disasters)) return true;
            return false;
        }
        for (int k = m.ClauseStart; k < m.ClauseEnd; k++)
            if (ix.Has(k, EventWords.Disasters)) return true;
        return false;
    }


    internal static void PickCounts(AnnotationIndex ix, EventMention m, List<EventMention> all)
    {
        var tokens = ix.Tokens;
        // participants: وشارك فيه 86، بمشاركة 40 دولة
        for (int j = m.End; j < m.WindowEnd && m.Participants is null && TypeTraits.Is(m.Type, TypeTrait.Participants); j++)
        {
            if (!tokens[j].IsArabic || !ix.Has(j, EventWords.Participation)) continue;
            for (int k = j + 1; k < Math.Min(m.WindowEnd, j + 4); k++)
                if (ix.NumberAt(k) is int n) { m.Participants = n; break; }
        }
        if (!TypeTraits.Is(m.Type, TypeTrait.Casualties)) return;
        // Only counts of this event: in the trigger's clause, nearest to this trigger, not a total
        // since a date or over a period (منذ بدء الحرب، خلال عام 2017), not «مئات» or «عشرات».
        int sStart = m.ClauseStart, sEnd = m.ClauseEnd;
        for (int k = sStart; k < sEnd; k++)
            if (ix.Has(k, EventWords.CumulativeMarkers)) return;
        if (m.TimeExplicit && IsoInterval.TryParse(m.Time, out var span) && span.Days > 31) return;
        for (int j = sStart; j < sEnd; j++)
        {
            // A year (2011) or a war's toll (350 ألف) is not one event's count.
            if (ix.TimeOf[j] >= 0 || ix.NumberAt(j) is not int n || n > MaxCasualties) continue;
            if (IsVague(ix, j) || CountOwner(all, m, j) != m) continue;
            bool killed = false, injured = false;
            for (int k = Math.Max(sStart, j - 2); k < j; k++)
            {
                killed |= ix.Has(k, EventWords.KillBefore);
                injured |= ix.Has(k, EventWords.InjuryBefore);
            }
            for (int k = j + 1; k < Math.Min(sEnd, j + 3); k++)
            {
                killed |= ix.Has(k, EventWords.KillAfter);
                injured |= ix.Has(k, EventWords.InjuryAfter);
            }
            if (killed && !injured) m.Fatalities = Math.Max(m.Fatalities ?? 0, n);
            else if (injured && !killed) m.Injured = Math.Max(m.Injured ?? 0, n);
            else if (killed && injured)
            {
                // «مقتل 3 وإصابة 5»: the nearer word decides
                bool killNear = j > 0 && (ix.Has(j - 1, EventWords.KillBefore) || (j + 1 < sEnd && ix.Has(j + 1, EventWords.KillAfter)));
                if (killNear) m.Fatalities = Math.Max(m.Fatalities ?? 0, n);
                else m.Injured = Math.Max(m.Injured ?? 0, n);
            }
        }
    }

    internal static bool IsVague(AnnotationIndex ix, int j)
    {
        if (ix.Has(j, EventWords.VagueNumbers)) return true;
        if (ix.QuantityOf[j] < 0) return false;
        int q = ix.QuantityOf[j];
        for (int k = j - 1; k >= 0 && ix.QuantityOf[k] == q; k--) if (ix.Has(k, EventWords.VagueNumbers)) return true;
        for (int k = j + 1; k < ix.Tokens.Count && ix.QuantityOf[k] == q; k++) if (ix.Has(k, EventWords.VagueNumbers)) return true;
        return false;
    }

    /// <summary>The casualty-type trigger a count at token <paramref name="j"/> belongs to: the nearest one before it in the clause, else the first after.</summary>
    internal static EventMention? CountOwner(List<EventMention> all, EventMention m, int j)
    {
        EventMention? before = null, after = null;
        foreach (var o in all)
        {
            if (o.IsAuxiliary || o.Sentence != m.Sentence || !TypeTraits.Is(o.Type, TypeTrait.Casualties) || o.ClauseStart != m.ClauseStart) continue;
            if (o.Token <= j) before = o;
            else { after ??= o; }
        }
        return before ?? after;
    }
}
