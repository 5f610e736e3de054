using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// The shape of a clause around a trigger: clause boundaries and argument windows, the preposition
/// governing a mention, and which entities may act or be a place.
/// </summary>
internal static class EventSyntax
{
    // ---- clause and window ----------------------------------------------------------------

    internal static bool IsBoundary(AnnotationIndex ix, int i)
    {
        var t = ix.Tokens[i];
        if (t.Kind == TokenKind.Punctuation)
        {
            char c = ix.Doc.Text[t.Start];
            return c is '؛' or ';' or ':' or '.' or '!' or '?' or '؟' or '…';
        }
        // a word with the article is a noun or an adjective, never a clause-opening verb: «الأبرز» is not «أبرز»
        return ix.Has(i, EventWords.ClauseStarters) && !t.HasArticle;
    }

    internal static void SetClause(AnnotationIndex ix, EventMention m, List<EventMention> all)
    {
        var (sStart, sEnd) = ix.SentenceTokens[m.Sentence];
        int start = m.Token;
        while (start > sStart && !IsBoundary(ix, start - 1)) start--;
        int end = m.End;
        while (end < sEnd && !IsBoundary(ix, end)) end++;
        m.ClauseStart = start;
        m.ClauseEnd = end;
        // The window stops at the next trigger that opens its own predication: for a verb the next
        // event verb, for a noun the next event noun or verb. Light verbs never cut a window.
        int window = end;
        foreach (var o in all)
        {
            if (o.Token < m.End || o.Token >= window) continue;
            if (o.IsLight) continue;
            if (!m.IsNoun && o.IsNoun) continue;
            window = o.Token;
            break;
        }
        m.WindowEnd = window;
        m.PhraseEnd = m.End - 1;
    }


    // ---- prepositions and entity kinds --------------------------------------------------

    internal static string PrepositionOf(AnnotationIndex ix, int j, int floor)
    {
        switch (ix.EntityClitic(j))
        {
            case ArabicLetters.Beh: return "ب";
            case ArabicLetters.Lam: return "ل";
            case ArabicLetters.Kaf: return "ك";
        }
        int k = j - 1;
        int geo = 0;
        while (k > floor && geo < 2 && ix.Has(k, EventWords.GeoNouns))
        {
            var g = ix.Tokens[k];
            if ((g.Proclitics & Proclitics.Ba) != 0 || (!EventWords.GeoNouns.Contains(g.Stem) && EventWords.Bare(g.Norm) is [ArabicLetters.Beh, ..])) return "ب";
            k--;
            geo++;
        }
        if (k <= floor || k < 0 || !ix.Tokens[k].IsArabic) return "";
        var w = ix.Tokens[k];
        if (!ix.Has(k, EventWords.Prepositions)) return "";
        return EventWords.Prepositions.Canonical(w.Stem) ?? EventWords.Prepositions.Canonical(EventWords.Bare(w.Norm)) ?? "";
    }

    internal static bool IsPrepositional(AnnotationIndex ix, int j) => PrepositionOf(ix, j, -1) != "";

    internal static bool HasPrepositionBefore(AnnotationIndex ix, int start, int floor) => PrepositionOf(ix, start, floor - 1) != "";

    internal static bool IsPreposition(AnnotationIndex ix, int j) => ix.Has(j, EventWords.Prepositions);

    internal static bool IsCountry(EntityAnnotation e) => e.Type == EntityTypes.Location && e.Subtype == "country";

    /// <summary>Who can act: persons, organisations and groups, and countries (المغرب يرأس …).</summary>
    internal static bool IsActorCapable(EntityAnnotation e) =>
        e.Type is EntityTypes.Person or EntityTypes.Organisation || IsCountry(e);

    /// <summary>Smaller is more precise: a city beats its country, a country its region.</summary>
    internal static int PlaceRank(EntityAnnotation e) => e.Subtype switch
    {
        "facility" => 0,
        "city" => 1,
        "admin1" => 2,
        "country" => 4,
        "region" => 5,
        _ => 3,
    };
}
