using Marsad.Analysis;

namespace Marsad.Extraction.Events;

/// <summary>
/// Within one document, mentions of the same real event become one event: a masdar and its verb in
/// one sentence (قتل … في هجوم), a later description with a more precise date at the same place
/// (الاجتماع … في مايو 2022 / الاجتماع التاسع … في 11 مايو 2022 في مراكش), and bare references
/// («وخلال الاجتماع») which join the first compatible event of their type — in news the lead event.
/// </summary>
internal static class EventMerger
{
    public static List<EventMention> Merge(AnnotationIndex ix, List<EventMention> mentions)
    {
        var kept = new List<EventMention>();
        foreach (var m in mentions)
        {
            if (m.IsBare) continue;
            EventMention? into = null;
            for (int k = kept.Count - 1; k >= 0 && into is null; k--)
                if (kept[k].Sentence == m.Sentence && Compatible(ix, kept[k], m) && SameSentenceLink(kept[k], m)) into = kept[k];
            foreach (var k in kept)
            {
                if (into is not null) break;
                if (Compatible(ix, k, m) && (StrongLink(ix, k, m) || SameHappening(k, m))) into = k;
            }
            if (into is null) kept.Add(m);
            else Absorb(ix, into, m);
        }
        foreach (var m in mentions)
        {
            if (!m.IsBare) continue;
            EventMention? into = null;
            foreach (var k in kept)
            {
                if (!Compatible(ix, k, m)) continue;
                if (m.Actors.Count > 0 && !k.Actors.Intersect(m.Actors).Any() && k.Sentence != m.Sentence) continue;
                into = k;
                break;
            }
            if (into is null) kept.Add(m);
            else Absorb(ix, into, m);
        }
        kept.Sort((a, b) => a.Token.CompareTo(b.Token));
        return kept;
    }

    private static bool SameSentenceLink(EventMention a, EventMention b) =>
        a.IsNoun || b.IsNoun
        || a.Targets.Count == 0 || b.Targets.Count == 0 || a.Targets.Intersect(b.Targets).Any();

    /// <summary>Two non-bare mentions in different sentences: the same dates (nested) and the same place or ordinal.</summary>
    private static bool StrongLink(AnnotationIndex ix, EventMention a, EventMention b)
    {
        if (!a.IsNoun && !b.IsNoun) return false;
        if (!(a.TimeExplicit && b.TimeExplicit && IsoInterval.Nest(a.Time, b.Time))) return false;
        bool samePlace = a.Location >= 0 && b.Location >= 0 && PlacesNest(ix, a.Location, b.Location);
        bool sameOrdinal = a.Ordinal is not null && a.Ordinal == b.Ordinal;
        return samePlace || sameOrdinal;
    }

    /// <summary>
    /// Two mentions in different sentences told with the same participants: the actors of one are
    /// all among the other's (and no target contradicts), or, with no actors at all, the same mode
    /// on the same explicit date («تفجير انتحاري» in the lead and again in the body).
    /// </summary>
    private static bool SameHappening(EventMention a, EventMention b)
    {
        // «وكان X قد أنكر … في يونيو» is an earlier happening than the day's undated report of X's denial
        if (a.Pluperfect != b.Pluperfect && !(a.TimeExplicit && b.TimeExplicit)) return false;
        bool targetsAgree = a.Targets.Count == 0 || b.Targets.Count == 0 || a.Targets.Intersect(b.Targets).Any();
        if (a.Actors.Count > 0 && b.Actors.Count > 0)
            return targetsAgree && (a.Actors.All(b.Actors.Contains) || b.Actors.All(a.Actors.Contains));
        if (a.Actors.Count > 0 || b.Actors.Count > 0) return false;
        return targetsAgree && a.Mode is not null && a.Mode == b.Mode && a.TimeExplicit && b.TimeExplicit && a.Time == b.Time;
    }

    internal static bool Compatible(AnnotationIndex ix, EventMention a, EventMention b)
    {
        if (a.Type != b.Type || a.Modality != b.Modality) return false;
        if (a.Mode is not null && b.Mode is not null && a.Mode != b.Mode) return false;
        if (a.Actors.Count > 0 && b.Actors.Count > 0 && !a.Actors.Intersect(b.Actors).Any()) return false;
        if (a.Location >= 0 && b.Location >= 0 && !PlacesNest(ix, a.Location, b.Location)) return false;
        if (a.TimeExplicit && b.TimeExplicit && !IsoInterval.Nest(a.Time, b.Time)) return false;
        if (a.Ordinal is not null && b.Ordinal is not null && a.Ordinal != b.Ordinal) return false;
        return true;
    }

    /// <summary>The same place, or one inside the other (a city and its country).</summary>
    internal static bool PlacesNest(AnnotationIndex ix, int a, int b) =>
        a == b || PlaceContains(ix.Doc.Entities[a], ix.Doc.Entities[b]) || PlaceContains(ix.Doc.Entities[b], ix.Doc.Entities[a]);

    internal static bool PlaceContains(EntityAnnotation outer, EntityAnnotation inner)
    {
        if (outer.Key is not null && outer.Key == inner.Key) return true;
        string? code = CountryCode(outer);
        return code is not null && EventSyntax.PlaceRank(outer) > EventSyntax.PlaceRank(inner)
            && string.Equals(inner.Country, code, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The ISO code a country entity stands for (its Country, or a key iso3166:XX).</summary>
    internal static string? CountryCode(EntityAnnotation e)
    {
        if (!EventSyntax.IsCountry(e)) return null;
        if (e.Country is { Length: > 0 } c) return c;
        return e.Key is { } k && k.StartsWith("iso3166:", StringComparison.Ordinal) ? k["iso3166:".Length..] : null;
    }

    private static void Absorb(AnnotationIndex ix, EventMention into, EventMention m)
    {
        foreach (var a in m.Actors) into.AddActor(a);
        foreach (var t in m.Targets) into.AddTarget(t);
        if (into.Location < 0) into.Location = m.Location;
        else if (m.Location >= 0 && m.Location != into.Location
                 && PlaceContains(ix.Doc.Entities[into.Location], ix.Doc.Entities[m.Location]))
            into.Location = m.Location;
        if (m.TimeExplicit && (!into.TimeExplicit || Narrower(m.Time, into.Time)))
        {
            into.Time = m.Time;
            into.TimeExplicit = true;
        }
        // a mention that a light verb or تم asserts makes the merged event asserted
        into.Governed |= m.Governed || m.Passive;
        into.Ordinal ??= m.Ordinal;
        into.Participants ??= m.Participants;
        if (m.Fatalities is int f) into.Fatalities = Math.Max(into.Fatalities ?? 0, f);
        if (m.Injured is int i) into.Injured = Math.Max(into.Injured ?? 0, i);
        into.Mode ??= m.Mode;
        into.Context ??= m.Context;
    }

    private static bool Narrower(string? a, string? b) =>
        IsoInterval.TryParse(a, out var x) && IsoInterval.TryParse(b, out var y) && x.Days < y.Days;
}
