using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>An event's place when its clause names none: its sentence, else the document's main place (marked as such).</summary>
internal static class EventPlace
{
    /// <summary>
    /// An event with no place in its clause takes one from its sentence (a place after في/بـ or a
    /// place noun, the most precise, the nearest), else the document's main place (the place most
    /// mentioned; a country or city before a region). <see cref="EventMention.GeoPrecision"/> says which.
    /// </summary>
    internal static void FallbackPlace(AnnotationIndex ix, EventMention m)
    {
        if (m.Location >= 0) { m.GeoPrecision ??= "clause"; return; }
        // «غزت الولايات المتحدة العراق»: an attack on a place happens there.
        if (TypeTraits.Is(m.Type, TypeTrait.Coercive))
            foreach (var t in m.Targets)
                if (ix.Doc.Entities[t].Type == EntityTypes.Location)
                {
                    m.Location = t;
                    m.GeoPrecision = "clause";
                    return;
                }
        var (sStart, sEnd) = ix.SentenceTokens[m.Sentence];
        int best = -1, bestScore = int.MaxValue;
        for (int j = sStart; j < sEnd; j++)
        {
            if (!ix.IsMentionStart(j)) continue;
            int e = ix.EntityOf[j];
            var ent = ix.Doc.Entities[e];
            if (ent.Type != EntityTypes.Location || m.Actors.Contains(e) || !ix.SameParen(j, m.Token)) { j = ix.MentionEnd[j]; continue; }
            string prep = PrepositionOf(ix, j, sStart - 1);
            if (prep is "في" or "ب" or "قرب" or "داخل")
            {
                int score = PlaceRank(ent) * 1000 + Math.Abs(j - m.Token);
                if (score < bestScore) { best = e; bestScore = score; }
            }
            j = ix.MentionEnd[j];
        }
        if (best >= 0)
        {
            m.Location = best;
            m.GeoPrecision = "sentence";
            return;
        }
        // The document's main place is a guess: only for an event with an actor or target and none of
        // another country (an event with no participant at all has nothing that ties it to the place).
        int main = ix.MainPlace();
        if (main >= 0 && AgreesWithParticipants(ix, m, main))
        {
            m.Location = main;
            m.GeoPrecision = "document";
        }
    }

    /// <summary>
    /// «وتشهد غزة منذ 30 مارس مسيرات»، «شهدت البصرة احتجاجات»: a place that is the subject of a verb of
    /// witnessing before an event noun of its clause is the event's place (and ties it to one happening).
    /// </summary>
    internal static void WitnessPlace(AnnotationIndex ix, EventMention m)
    {
        if (!m.IsNoun || m.Location >= 0) return;
        for (int j = m.ClauseStart; j + 1 < m.Token; j++)
            if (ix.Has(j, EventWords.WitnessVerbs) && ix.IsMentionStart(j + 1) && ix.Doc.Entities[ix.EntityOf[j + 1]].Type == EntityTypes.Location)
            {
                m.Location = ix.EntityOf[j + 1];
                m.GeoPrecision = "clause";
                m.Witnessed = true;
                return;
            }
    }

    private static bool AgreesWithParticipants(AnnotationIndex ix, EventMention m, int place)
    {
        if (m.Actors.Count + m.Targets.Count == 0) return false;
        string? code = ix.Doc.Entities[place].Country ?? EventMerger.CountryCode(ix.Doc.Entities[place]);
        if (code is null) return true;
        bool any = false;
        foreach (var e in m.Actors.Concat(m.Targets))
        {
            var ent = ix.Doc.Entities[e];
            string? c = ent.Country ?? EventMerger.CountryCode(ent);
            if (c is null) continue;
            any = true;
            if (string.Equals(c, code, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return !any;
    }
}
