using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

internal static partial class EventArguments
{
    // ---- window scan: prepositional arguments, objects, places, agents ----------------------

    internal static void ScanWindow(AnnotationIndex ix, EventMention m, int from, Dictionary<int, EventMention> at, bool verbObject = false)
    {
        var tokens = ix.Tokens;
        var places = new List<int>();
        bool objectTaken = false;
        for (int j = from; j < m.WindowEnd; j++)
        {
            var t = tokens[j];
            if (at.TryGetValue(j, out var other) && other != m && other.IsNoun && m.HostEvent is null && IsHostMarker(ix, j))
            {
                m.HostEvent = other;
                j = other.PhraseEnd;
                continue;
            }
            if (t.IsArabic && ix.EntityOf[j] < 0)
            {
                var bare = EventWords.Bare(t.Norm);
                // «اجتماع بين A وB»: only right after the trigger's phrase, not a later «برئاسة مشتركة بين …»
                if (j == from && bare.SequenceEqual("بين") && TypeTraits.Is(m.Type, TypeTrait.Joint))
                {
                    j = TakeList(ix, m, j + 1, m.WindowEnd, actors: true) - 1;
                    continue;
                }
                if (j == from && t.Stem == "بين")
                {
                    j = TakeList(ix, m, j + 1, m.WindowEnd, actors: false) - 1;
                    continue;
                }
                // «مع نظيره التركي رجب طيب أردوغان»: a counterpart in apposition
                if (bare.SequenceEqual("مع") && TypeTraits.Is(m.Type, TypeTrait.Joint) && Counterpart(ix, j + 1, m.WindowEnd) is int cp)
                {
                    AddPartner(m, ix.EntityOf[cp]);
                    j = ix.MentionEnd[cp];
                    continue;
                }
                // من قبل X، من طرف X، على يد X، بقيادة X
                if (ix.Has(j, EventWords.AgentHeads) && j + 1 < m.WindowEnd && ix.IsMentionStart(j + 1)
                    && (j > 0 && tokens[j - 1].Norm is "من" or "علي" || t.Stem == "قيادة"))
                {
                    m.AddActor(ix.EntityOf[j + 1]);
                    j = ix.MentionEnd[j + 1];
                    continue;
                }
                continue;
            }
            if (!ix.IsMentionStart(j)) continue;
            // a name in a parenthesis the trigger is not in belongs to an aside
            if (!ix.SameParen(j, m.Token)) { j = ix.MentionEnd[j]; continue; }
            // «اغتيال صحفي سعودي»: the nisba of a common noun is only someone's origin
            if (j > from && IsNisbaOfNoun(ix, j) && !ix.Has(j - 1, EventWords.GeoNouns)) continue;
            int e = ix.EntityOf[j];
            var ent = ix.Doc.Entities[e];
            string prep = PrepositionOf(ix, j, m.Token);
            int mentionEnd = ix.MentionEnd[j];
            switch (prep)
            {
                case "في" or "ب" or "قرب" or "داخل":
                    if (ent.Type == EntityTypes.Location) places.Add(e);
                    break;
                case "الي":
                    if (ent.Type == EntityTypes.Location && m.Mode == "visit") { places.Add(e); m.AddTarget(e); }
                    else if (m.Type == "REQUEST" && IsActorCapable(ent)) m.AddTarget(e); // «دعا إلى» names what is asked only with a noun
                    break;
                case "مع":
                    if (IsActorCapable(ent) && TypeTraits.Is(m.Type, TypeTrait.Joint)) AddPartner(m, e);
                    break;
                case "ضد" or "علي" or "بحق" or "تجاه":
                    if (IsActorCapable(ent) && TypeTraits.Is(m.Type, TypeTrait.Against)) m.AddTarget(e);
                    else if (ent.Type == EntityTypes.Location && TypeTraits.Is(m.Type, TypeTrait.Against)) places.Add(e);
                    break;
                case "ل":
                    if (TypeTraits.Is(m.Type, TypeTrait.Coercive | TypeTrait.Recipient) && IsActorCapable(ent)) m.AddTarget(e);
                    break;
                case "":
                    if (verbObject && !objectTaken && !m.IsNoun)
                    {
                        objectTaken = true;
                        // A capital as object is its government (اتهم واشنطن), except when visited.
                        if (ent.Type == EntityTypes.Location && m.Mode != "visit" && ix.ActorFor(e) >= 0) m.AddTarget(e);
                        else if (ent.Type == EntityTypes.Location && (m.Mode == "visit" || !IsCountry(ent))) { m.AddTarget(e); places.Add(e); }
                        else if (IsActorCapable(ent) || ent.Type == EntityTypes.Person) m.AddTarget(e);
                        // «اتهم X Y وZ»: coordinated objects
                        int k = mentionEnd + 1;
                        while (k < m.WindowEnd && ix.IsMentionStart(k) && ix.IsCoordinated(k))
                        {
                            m.AddTarget(ix.EntityOf[k]);
                            mentionEnd = ix.MentionEnd[k];
                            k = mentionEnd + 1;
                        }
                    }
                    break;
            }
            j = mentionEnd;
        }
        // «تم تبنيها في القمة …»: the window stops at the next event noun, which may be where this happened.
        if (m.HostEvent is null && m.WindowEnd < ix.Tokens.Count && at.TryGetValue(m.WindowEnd, out var host) && host != m && host.IsNoun
            && IsHostMarker(ix, m.WindowEnd) && m.WindowEnd - 1 >= from - 1)
            m.HostEvent = host;
        if (places.Count > 0)
        {
            int best = places[0];
            foreach (var p in places)
                if (PlaceRank(ix.Doc.Entities[p]) < PlaceRank(ix.Doc.Entities[best])) best = p;
            if (m.Location < 0 || PlaceRank(ix.Doc.Entities[best]) < PlaceRank(ix.Doc.Entities[m.Location])) m.Location = best;
        }
    }

    /// <summary>
    /// «مع X» names a partner: for a meeting or cooperation the one met or helped (a target), for an
    /// agreement a party on an equal footing (an actor): «وقع البشير مع أردوغان اتفاقا» is signed by both.
    /// </summary>
    private static void AddPartner(EventMention m, int e)
    {
        if (m.Type == "AGREE") m.AddActor(e);
        else m.AddTarget(e);
    }

    /// <summary>The person after «نظيره التركي»، «الرئيس»، «وزير الخارجية الأمريكي»: the mention start, or null.</summary>
    private static int? Counterpart(AnnotationIndex ix, int k, int end)
    {
        for (int n = 0; k < end && n < 4; n++)
        {
            if (ix.IsMentionStart(k))
            {
                var ent = ix.Doc.Entities[ix.EntityOf[k]];
                if (ent.Type == EntityTypes.Person) return n > 0 ? k : null;
                if (!IsCountry(ent) || ix.MentionEnd[k] != k) return null;
                k++;
                continue;
            }
            var t = ix.Tokens[k];
            if (!t.IsArabic || ix.EntityOf[k] >= 0) return null;
            bool title = ix.Has(k, EventWords.PersonTitles) || ix.Has(k, EventWords.RoleHeads) || ix.Has(k, EventWords.StateHeads)
                || EventWords.WithoutArticle(t.Stem).StartsWith("نظير") || t.Stem.StartsWith("نظير", StringComparison.Ordinal);
            if (!title && !(n > 0 && ix.IsDefinite(k))) return null;
            k++;
        }
        return null;
    }

    /// <summary>«بين A وB وC» or «A وB»: the coordinated entities starting at <paramref name="j"/>.</summary>
    internal static int TakeList(AnnotationIndex ix, EventMention m, int j, int end, bool actors)
    {
        bool first = true;
        while (j < end && ix.IsMentionStart(j) && (first || ix.IsCoordinated(j)))
        {
            int e = ix.EntityOf[j];
            if (ix.CanAct(e))
            {
                if (actors || (first && m.Actors.Count == 0)) m.AddActor(e);
                else m.AddTarget(e);
            }
            first = false;
            j = ix.MentionEnd[j] + 1;
        }
        return j;
    }

    /// <summary>في الاجتماع، خلال الاجتماع، أثناء القمة، على هامش المؤتمر، بالاجتماع.</summary>
    internal static bool IsHostMarker(AnnotationIndex ix, int j)
    {
        if (j == 0) return false;
        var prev = EventWords.Bare(ix.Tokens[j - 1].Norm);
        return prev.SequenceEqual("في") || prev.SequenceEqual("خلال") || prev.SequenceEqual("اثناء") || prev.SequenceEqual("هامش");
    }

    /// <summary>
    /// The preposition governing the entity mention starting at token <paramref name="j"/>: a clitic
    /// ب/ل on the word, or a preposition word before it, possibly past geo nouns (في مدينة …).
    /// "" when none.
    /// </summary>

    // ---- light verbs ------------------------------------------------------------------------

    private static bool NameBefore(AnnotationIndex ix, int relative)
    {
        int q = relative - 1;
        if (q >= 0 && ix.IsPunct(q)) q--;
        return q >= 0 && ix.EntityOf[q] >= 0;
    }

    /// <summary>«عقد وزراء خارجية X اجتماعا في Y»: the light verb's actor and place go to the noun.</summary>
    internal static void LendToNoun(AnnotationIndex ix, EventMention lv, Dictionary<int, EventMention> at)
    {
        // In a relative clause («الاجتماع … الذي عقد في …») the light verb describes the noun before it,
        // which already reads the clause; it never lends forward.
        // With a name before the relative pronoun («أنيس العامري الذي شن هجوما») the clause is about that
        // name, which is the light verb's subject: it lends as in a main clause.
        if (lv.Token > 0 && ix.Has(lv.Token - 1, EventWords.RelativePronouns) && !(lv.Actors.Count > 0 && NameBefore(ix, lv.Token - 1))) return;
        // The object follows the subject, which may be long («وقع الرئيس السوداني عمر البشير مع نظيره
        // التركي رجب طيب أردوغان اتفاقا»): names and dates do not count towards the distance.
        int words = 0;
        for (int j = lv.End; j < lv.ClauseEnd && words < 8; j++)
        {
            if (ix.IsPunct(j)) return;
            if (ix.EntityOf[j] >= 0 || ix.TimeOf[j] >= 0) continue;
            words++;
            if (!at.TryGetValue(j, out var noun) || noun.IsAuxiliary) continue;
            if (!noun.IsNoun) return;
            // the object itself, not a purpose after ل/ب («قدم معلومات لمساعدتهم»، «قدموا بدعوة من …»)
            if ((ix.Tokens[j].Proclitics & (Proclitics.Ba | Proclitics.Lam)) == 0 && EventWords.WithoutPreposition(ix.Tokens[j].Norm).Length == 0)
                noun.Governed = true;
            // A typed light verb re-types what it governs: «رفعت السلطات حظر التجول» is a concession.
            if (lv.Type != "-" && TypeTraits.Is(noun.Type, TypeTrait.Coercive)) noun.Retype(lv.Type, lv.Mode);
            // «وقع البشير مع نظيره أردوغان اتفاقا»: the partner stands between the verb and the noun
            for (int k = lv.End; k < j; k++)
            {
                if (!EventWords.Bare(ix.Tokens[k].Norm).SequenceEqual("مع")) continue;
                int? p = ix.IsMentionStart(k + 1) && ix.CanAct(ix.EntityOf[k + 1]) ? k + 1 : Counterpart(ix, k + 1, j);
                if (p is int pk && TypeTraits.Is(noun.Type, TypeTrait.Joint)) AddPartner(noun, ix.EntityOf[pk]);
            }
            // An agreement's parties are all actors: the light verb's subject joins a partner already found («أبرمت X صفقة مع Y»).
            if (noun.Actors.Count == 0 || noun.Type == "AGREE") foreach (var a in lv.Actors) noun.AddActor(a);
            if (noun.Actors.Count == 0 && lv.SubjectEvent is { } s) foreach (var a in s.Actors) noun.AddActor(a);
            if (noun.Location < 0) noun.Location = lv.Location;
            if (!noun.TimeExplicit) EventTime.PickTime(ix, lv);
            if (!noun.TimeExplicit && lv.TimeExplicit) { noun.Time = lv.Time; noun.TimeExplicit = true; }
            EventModalities.PickModality(ix, lv);
            if (lv.Modality != EventModality.Asserted) noun.LentModality = lv.Modality; // «لن توقع … الاتفاقية», «قد تفرض عقوبات»
            return;
        }
    }
}
