using Marsad.Analysis;
using Marsad.Extraction.Events;

namespace Marsad.Extraction.Relations;

/// <summary>Membership and place relations: member_of (joining, being elected for a party) and located_in.</summary>
public sealed partial class RelationStage
{
    /// <summary>«انضمام X إلى Y», «انضمت X إلى Y».</summary>
    private static void Join(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        var (_, sEnd) = ix.SentenceTokens[tokens[i].Sentence];
        int j = i + 1;
        if (j >= sEnd || !ix.IsMentionStart(j)) return;
        int member = ix.EntityOf[j];
        j = ix.MentionEnd[j] + 1;
        if (j + 1 >= sEnd || !(tokens[j].Norm is "الي" or "في")) return;
        if (!ix.IsMentionStart(j + 1)) return;
        int org = ix.EntityOf[j + 1];
        if (ix.Doc.Entities[org].Type != EntityTypes.Organisation || org == member) return;
        Add(found, ix, "member_of", member, org, null, tokens[i].Start, tokens[ix.MentionEnd[j + 1]].End);
    }

    /// <summary>
    /// «كومباني الأب الذي انتخب عن حزب الوسط»، «النائب فلان، الذي ترشح عن حزب …»: the person before the
    /// verb (past a relative pronoun, a comma and at most two words describing them) is a member of the
    /// organisation after «عن».
    /// </summary>
    private static void Elected(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        var (sStart, sEnd) = ix.SentenceTokens[tokens[i].Sentence];
        int j = i + 1;
        if (j + 1 >= sEnd || !EventWords.Bare(tokens[j].Norm).SequenceEqual("عن") || !ix.IsMentionStart(j + 1)) return;
        int org = ix.EntityOf[j + 1];
        if (ix.Doc.Entities[org].Type != EntityTypes.Organisation) return;
        int words = 0, person = -1;
        for (int k = i - 1; k >= sStart; k--)
        {
            if (ix.EntityOf[k] >= 0)
            {
                if (ix.Doc.Entities[ix.EntityOf[k]].Type == EntityTypes.Person) person = ix.EntityOf[k];
                break;
            }
            if (ix.IsPunct(k) || ix.Has(k, EventWords.RelativePronouns)) continue;
            if (EventSyntax.IsBoundary(ix, k) || ++words > 2) break;
        }
        if (person < 0 || person == org) return;
        Add(found, ix, "member_of", person, org, null, FirstTokenStart(ix, person, i - 1), tokens[ix.MentionEnd[j + 1]].End);
    }

    // ---- located_in ---------------------------------------------------------------------------

    /// <summary>
    /// «ميناء سواكن في السودان»، «منطقة مشيرب في الدوحة»: a place followed by «في» and a larger place
    /// is located in it (the gazetteer's country comes from <see cref="LocatedIn"/>).
    /// </summary>
    private static void LocatedInText(AnnotationIndex ix, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        for (int j = 1; j < tokens.Count; j++)
        {
            if (!ix.IsMentionStart(j)) continue;
            var where = ix.Doc.Entities[ix.EntityOf[j]];
            if (where.Type != EntityTypes.Location || EventSyntax.PrepositionOf(ix, j, Math.Max(-1, j - 4)) != "في") continue;
            // the token before في (and the geo nouns after it: في مدينة …)
            int k = j - 1;
            while (k > 0 && ix.EntityOf[k] < 0 && !EventWords.Bare(tokens[k].Norm).SequenceEqual("في")) k--;
            k--;
            if (k < 0 || ix.EntityOf[k] < 0 || ix.EntityOf[k] == ix.EntityOf[j] || tokens[k].Sentence != tokens[j].Sentence) continue;
            var what = ix.Doc.Entities[ix.EntityOf[k]];
            // An organisation «في» a place is as often where it acted as where it sits: places only.
            bool fits = what.Type == EntityTypes.Location && !EventSyntax.IsCountry(what) && EventSyntax.PlaceRank(what) < EventSyntax.PlaceRank(where);
            // ... except one that is a building at the place: «السفارة الأمريكية في القدس».
            fits |= what.Type == EntityTypes.Organisation && ix.Has(FirstTokenOf(ix, ix.EntityOf[k], k), EventWords.FacilityHeads);
            if (!fits) continue;
            Add(found, ix, "located_in", ix.EntityOf[k], ix.EntityOf[j], null, FirstTokenStart(ix, ix.EntityOf[k], k), tokens[ix.MentionEnd[j]].End);
        }
    }

    private static void LocatedIn(AnnotationIndex ix, List<RelationAnnotation> found)
    {
        var entities = ix.Doc.Entities;
        for (int a = 0; a < entities.Count; a++)
        {
            var place = entities[a];
            if (place.Type != EntityTypes.Location || EventSyntax.IsCountry(place) || place.Country is null || place.Mentions.Count == 0) continue;
            if (place.Subtype is "region") continue;
            int country = -1;
            for (int b = 0; b < entities.Count && country < 0; b++)
                if (b != a && EventMerger.CountryCode(entities[b]) is { } code && string.Equals(code, place.Country, StringComparison.OrdinalIgnoreCase))
                    country = b;
            var m = place.Mentions[0];
            if (country >= 0)
                found.Add(new RelationAnnotation { Type = "located_in", Subject = place.Id, Object = entities[country].Id, Value = null, Evidence = new SpanRef(m.Start, m.End) });
            else
                found.Add(new RelationAnnotation { Type = "located_in", Subject = place.Id, Object = null, Value = place.Country, Evidence = new SpanRef(m.Start, m.End) });
        }
    }
}
