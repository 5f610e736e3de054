using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Extraction.Events;
using Marsad.Text;

namespace Marsad.Extraction.Relations;

/// <summary>
/// Relations between entities, each with the span that states it:
/// <list type="bullet">
/// <item>co_chair — «برئاسة مشتركة بين A وB وC» (subject: the body chaired, the nearest organisation
/// before), «X يترأس بشكل مشترك BODY إلى جانب A وB», «BODY التي يشترك X في رئاستها»; one relation per co-chair;</item>
/// <item>member_count — «يضم التحالف 86 دولة», «X الذي يضم 30 عضوا»;</item>
/// <item>role — «فلان، مدير … بوزارة …» and «وزير الخارجية المغربي فلان»: value the title, object the organisation;</item>
/// <item>member_of — «X عضو في Y», «انضمام X إلى Y»;</item>
/// <item>located_in — a city, region or facility and the country the gazetteer puts it in.</item>
/// </list>
/// Reads tokens and entities (and the event stage's token index when present); writes
/// <see cref="AnalyzedDocument.Relations"/>.
/// </summary>
public sealed partial class RelationStage : IAnalysisStage
{
    public string Name => "relations";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        var ix = document.GetItem<AnnotationIndex>() ?? new AnnotationIndex(document);
        var found = new List<RelationAnnotation>();
        var tokens = ix.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!t.IsArabic || t.Sentence < 0) continue;
            if (ix.Flags[i] == 0) continue;
            if (ix.Has(i, EventWords.Chairing) && i + 1 < tokens.Count && ix.Has(i + 1, EventWords.JointWords)) CoChairByPhrase(ix, i, found);
            else if (ix.Has(i, EventWords.ChairVerbs) && i + 2 < tokens.Count && IsJointAdverb(ix, i + 1)) CoChairByVerb(ix, i, found);
            else if (ix.Has(i, EventWords.ShareVerbs)) CoChairByShare(ix, i, found);
            else if (ix.Has(i, EventWords.ContainVerbs)) MemberCount(ix, i, found);
            else if (ix.Has(i, EventWords.JoinVerbs)) Join(ix, i, found);
            else if (ix.Has(i, EventWords.ElectVerbs)) Elected(ix, i, found);
            else if (ix.Has(i, EventWords.RoleHeads)) Role(ix, i, found);
        }
        cancellationToken.ThrowIfCancellationRequested();
        LocatedInText(ix, found);
        LocatedIn(ix, found);

        var seen = new HashSet<(string, string, string?, string?)>();
        foreach (var r in found)
            if (seen.Add((r.Type, r.Subject, r.Object, r.Value?.ToString())))
                document.Relations.Add(r);
    }

    /// <summary>«بشكل مشترك», «مشتركا», «بالاشتراك».</summary>
    private static bool IsJointAdverb(AnnotationIndex ix, int i)
    {
        var t = ix.Tokens[i];
        if ((t.Stem == "شكل" || t.Norm is "بشكل" or "وبشكل") && i + 1 < ix.Tokens.Count && ix.Has(i + 1, EventWords.JointWords)) return true;
        return ix.Has(i, EventWords.JointWords);
    }

    // ---- co_chair ---------------------------------------------------------------------------

    private static void CoChairByPhrase(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        int body = NearestBefore(ix, i, e => e.Type == EntityTypes.Organisation);
        if (body < 0) return;
        int j = i + 2;
        if (j < ix.Tokens.Count && ix.Tokens[j].IsArabic && ix.Tokens[j].Stem is "بين" or "من") j++;
        var chairs = List(ix, j, out int end);
        foreach (var c in chairs)
            Add(found, ix, "co_chair", body, c, null, ix.Tokens[i].Start, end);
    }

    private static void CoChairByVerb(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        int j = ix.Tokens[i + 1].Stem == "شكل" || ix.Tokens[i + 1].Norm == "بشكل" ? i + 3 : i + 2;
        while (j < ix.Tokens.Count && ix.Tokens[j].Sentence == ix.Tokens[i].Sentence && !ix.IsMentionStart(j) && j < i + 6) j++;
        if (j >= ix.Tokens.Count || !ix.IsMentionStart(j)) return;
        int body = ix.EntityOf[j];
        if (ix.Doc.Entities[body].Type != EntityTypes.Organisation) return;
        var chairs = new List<int>();
        int subject = SubjectBefore(ix, i);
        if (subject >= 0) chairs.Add(subject);
        int end = ix.Tokens[ix.MentionEnd[j]].End;
        // «إلى جانب A وB», «مع A وB», skipping the body's own modifiers («التابعة للتحالف»)
        var (_, sEnd) = ix.SentenceTokens[ix.Tokens[i].Sentence];
        for (int k = ix.MentionEnd[j] + 1; k < Math.Min(sEnd, ix.MentionEnd[j] + 12); k++)
        {
            var t = ix.Tokens[k];
            if (t.IsArabic && (t.Stem == "جانب" || t.Norm == "مع") && !EventSyntax.IsBoundary(ix, k))
            {
                chairs.AddRange(List(ix, k + 1, out end));
                break;
            }
            if (EventSyntax.IsBoundary(ix, k)) break;
        }
        foreach (var c in chairs)
            if (c != body) Add(found, ix, "co_chair", body, c, null, ix.Tokens[Math.Min(i, FirstTokenOf(ix, subject, i))].Start, end);
    }

    /// <summary>«BODY التي يشترك X في رئاستها», «يشترك X وY في رئاسة BODY».</summary>
    private static void CoChairByShare(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        int j = i + 1;
        var chairs = List(ix, j, out int end);
        int subject = SubjectBefore(ix, i);
        if (chairs.Count == 0 && subject < 0) return;
        j = end == 0 ? j : NextTokenAfter(ix, end);
        if (j + 1 >= tokens.Count || tokens[j].Norm != "في" || !ix.Has(j + 1, EventWords.ChairingOf))
            return;
        int body;
        if (tokens[j + 1].Stem == EventWords.Riasa && j + 2 < tokens.Count && ix.IsMentionStart(j + 2)) body = ix.EntityOf[j + 2];
        else body = NearestBefore(ix, i, e => e.Type == EntityTypes.Organisation);
        if (body < 0) return;
        if (subject >= 0 && chairs.Count > 0) chairs.Insert(0, subject);
        else if (chairs.Count == 0) chairs.Add(subject);
        foreach (var c in chairs)
            if (c != body) Add(found, ix, "co_chair", body, c, null, tokens[i].Start, tokens[j + 1].End);
    }

    // ---- member_count, member_of --------------------------------------------------------------

    private static void MemberCount(AnnotationIndex ix, int i, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        int subject = -1;
        int j = i + 1;
        var (_, sEnd) = ix.SentenceTokens[tokens[i].Sentence];
        if (j < sEnd && ix.IsMentionStart(j) && ix.Doc.Entities[ix.EntityOf[j]].Type == EntityTypes.Organisation)
        {
            subject = ix.EntityOf[j];
            j = ix.MentionEnd[j] + 1;
        }
        while (j < sEnd && tokens[j].IsArabic && (ix.Has(j, EventWords.Adverbs) || tokens[j].Norm is "من" or "في" or "عضويته" or "عضويتها" or "صفوفه")) j++;
        if (j >= sEnd || ix.NumberAt(j) is not int n) return;
        int k = j + 1;
        if (ix.QuantityOf[j] >= 0) while (k < sEnd && ix.QuantityOf[k] == ix.QuantityOf[j]) k++;
        if (k >= sEnd || !ix.Has(k, EventWords.MemberNouns)) return;
        if (subject < 0)
        {
            subject = SubjectBefore(ix, i);
            if (subject < 0 || ix.Doc.Entities[subject].Type != EntityTypes.Organisation) return;
        }
        Add(found, ix, "member_count", subject, -1, n, tokens[i].Start, tokens[k].End);
    }

    // ---- role ---------------------------------------------------------------------------------

    /// <summary>
    /// A title in apposition with a person's name: «TITLE [OBJECT …] [،] PERSON» («وزير الخارجية الكويتي،
    /// صباح الخالد», «محافظ كركوك راكان الجبوري») or «PERSON، TITLE [OBJECT …]» («سكريبل، عقيد المخابرات
    /// الروسية»). The value is the title from its head to the word before the object; the object is the
    /// first organisation, country or place the title governs: a name right after a title word (مدافع النصر،
    /// رئيس وزراء قطر), one with ل/ب or after في/لدى (مديرة … بوزارة), a place after في only where it
    /// closes the phrase before the name (المسؤول … في برلين اندرياس غيزيل), and a nisba only after the
    /// title of an office (<see cref="EventWords.StateOffices"/>): «الرئيس الأمريكي» is of the United States,
    /// «المدرب الهولندي» only Dutch.
    /// </summary>
    private static void Role(AnnotationIndex ix, int r, List<RelationAnnotation> found)
    {
        var tokens = ix.Tokens;
        var (sStart, sEnd) = ix.SentenceTokens[tokens[r].Sentence];
        if (ix.EntityOf[r] >= 0) return; // a title standing for a person named before (AnnotationIndex.MarkTitleReferences)
        // A head right after another is part of its title: نائب رئيس المفوضية.
        if (r > sStart && ix.EntityOf[r - 1] < 0 && !ix.IsPunct(r - 1) && ix.Has(r - 1, EventWords.RoleHeads)) return;
        bool office = ix.Has(r, EventWords.StateOffices);
        int titleEnd = r, obj = -1, objAt = -1, person = -1, afterObject = 0, afterComma = 0;
        bool comma = false;
        int k = r + 1;
        for (int limit = Math.Min(sEnd, r + 14); k < limit; k++)
        {
            if (ix.IsPunct(k))
            {
                // one comma may stand before the name in apposition
                if (comma || ix.Doc.Text[tokens[k].Start] is not ('،' or ',')) break;
                comma = true;
                continue;
            }
            if (EventSyntax.IsBoundary(ix, k)) break;
            if (ix.EntityOf[k] >= 0)
            {
                int e = ix.EntityOf[k];
                var entity = ix.Doc.Entities[e];
                if (entity.Type == EntityTypes.Person) { person = e; break; }
                if (comma) break;
                if (obj < 0 && IsRoleObject(ix, k, entity, office)) { obj = e; objAt = k; }
                k = ix.MentionEnd[k];
                continue;
            }
            if (comma)
            {
                // an honorific between the comma and the name (آية الله، الدكتور)
                if (++afterComma > 2) break;
                continue;
            }
            if (obj >= 0)
            {
                // after the object only what still describes the post: السابق، حينها، في دولة الفاتيكان، الكاردينال
                if (++afterObject > 4 || !(ix.IsDefinite(k) || ix.Has(k, EventWords.Prepositions) || ix.Has(k, EventWords.GeoNouns) || ix.Has(k, EventWords.PersonTitles))) break;
                continue;
            }
            titleEnd = k;
        }
        // a place after في is the object only where it closes the phrase before the name
        if (obj >= 0 && person >= 0 && IsPlaceInFi(ix, objAt) && !ClosesPhrase(ix, objAt, k)) obj = -1;
        if (person < 0 && obj >= 0 && IsPlaceInFi(ix, objAt)) obj = -1;
        int evEnd = tokens[Math.Min(k, sEnd - 1)].End;
        if (person < 0)
        {
            // in construct the word before the object is indefinite (مهاجم الأهلي); «رئيس الوزراء العراقي» is not
            person = PersonBefore(ix, r, sStart, obj >= 0 && objAt == titleEnd + 1 && !ix.IsDefinite(titleEnd));
            evEnd = tokens[Math.Max(titleEnd, objAt >= 0 ? ix.MentionEnd[objAt] : titleEnd)].End;
        }
        if (person < 0) return;
        while (titleEnd > r && (tokens[titleEnd].Norm is "في" or "لدي" || ix.IsPunct(titleEnd))) titleEnd--;
        // the title without a conjunction: «ووزير حقوق الإنسان» is «وزير حقوق الإنسان»
        int titleStart = tokens[r].Start + ((tokens[r].Proclitics & (Proclitics.Waw | Proclitics.Fa)) != 0 ? 1 : 0);
        string title = ix.Doc.Text[titleStart..tokens[titleEnd].End];
        int evStart = Math.Min(tokens[r].Start, FirstTokenStart(ix, person, r));
        Add(found, ix, "role", person, obj, title, evStart, Math.Min(Math.Max(evEnd, tokens[titleEnd].End), ix.Doc.Text.Length));
    }

    /// <summary>May the mention at <paramref name="k"/> inside a title phrase be the post's organisation, country or place?</summary>
    private static bool IsRoleObject(AnnotationIndex ix, int k, EntityAnnotation e, bool office)
    {
        if (e.Type is not (EntityTypes.Organisation or EntityTypes.Location)) return false;
        bool governed = ix.EntityClitic(k) is ArabicLetters.Beh or ArabicLetters.Lam || (k > 0 && ix.Tokens[k - 1].Norm is "في" or "لدي");
        if (governed) return true;
        // a bare name after a title word is governed by it (رئيس وزراء قطر، مدافع النصر); a bare country
        // after an office may be its nisba (وزير الخارجية الكويتي)
        return !EventSyntax.IsCountry(e) || office || !ix.IsDefinite(k);
    }

    private static bool IsPlaceInFi(AnnotationIndex ix, int k) =>
        k > 0 && ix.Tokens[k - 1].Norm == "في" && ix.Doc.Entities[ix.EntityOf[k]].Type == EntityTypes.Location && !EventSyntax.IsCountry(ix.Doc.Entities[ix.EntityOf[k]]);

    /// <summary>Between the mention at <paramref name="objAt"/> and the name at <paramref name="name"/> stand only a comma and titles.</summary>
    private static bool ClosesPhrase(AnnotationIndex ix, int objAt, int name)
    {
        for (int j = ix.MentionEnd[objAt] + 1; j < name; j++)
            if (!ix.IsPunct(j) && !ix.Has(j, EventWords.PersonTitles)) return false;
        return true;
    }

    /// <summary>
    /// The person a title after the name describes: «سكريبل، عقيد …» (a comma), or without one only a
    /// title in construct with its object («محمد عيد مدافع النصر»); «ووزير …» is coordinated with a
    /// title before, never a description of the name before it.
    /// </summary>
    private static int PersonBefore(AnnotationIndex ix, int r, int sStart, bool construct)
    {
        if ((ix.Tokens[r].Proclitics & (Proclitics.Waw | Proclitics.Fa)) != 0) return -1;
        int p = r - 1;
        bool comma = p >= sStart && ix.IsPunct(p) && ix.Doc.Text[ix.Tokens[p].Start] is '،' or ',';
        if (comma) p--;
        else if (!construct) return -1;
        return p >= sStart && ix.EntityOf[p] >= 0 && ix.Doc.Entities[ix.EntityOf[p]].Type == EntityTypes.Person ? ix.EntityOf[p] : -1;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void Add(List<RelationAnnotation> found, AnnotationIndex ix, string type, int subject, int obj, object? value, int start, int end)
    {
        if (subject < 0 || end <= start) return;
        found.Add(new RelationAnnotation
        {
            Type = type,
            Subject = ix.Doc.Entities[subject].Id,
            Object = obj >= 0 ? ix.Doc.Entities[obj].Id : null,
            Value = value,
            Evidence = new SpanRef(start, end),
        });
    }

    /// <summary>Entities coordinated with و from token <paramref name="j"/>: «المغرب والولايات المتحدة وإيطاليا».</summary>
    private static List<int> List(AnnotationIndex ix, int j, out int end)
    {
        var list = new List<int>();
        end = 0;
        bool first = true;
        while (j < ix.Tokens.Count && ix.IsMentionStart(j) && (first || ix.IsCoordinated(j)))
        {
            int e = ix.EntityOf[j];
            if (EventSyntax.IsActorCapable(ix.Doc.Entities[e]) && !list.Contains(e)) list.Add(e);
            end = ix.Tokens[ix.MentionEnd[j]].End;
            j = ix.MentionEnd[j] + 1;
            first = false;
        }
        return list;
    }

    private static int NextTokenAfter(AnnotationIndex ix, int offset)
    {
        int i = 0;
        while (i < ix.Tokens.Count && ix.Tokens[i].Start < offset) i++;
        return i;
    }

    /// <summary>The nearest entity before token <paramref name="i"/> in its sentence that satisfies <paramref name="ok"/>.</summary>
    private static int NearestBefore(AnnotationIndex ix, int i, Func<EntityAnnotation, bool> ok)
    {
        var (sStart, _) = ix.SentenceTokens[ix.Tokens[i].Sentence];
        for (int k = i - 1; k >= sStart; k--)
            if (ix.EntityOf[k] >= 0 && ok(ix.Doc.Entities[ix.EntityOf[k]])) return ix.EntityOf[k];
        return -1;
    }

    /// <summary>The subject before a verb: «المغرب يرأس», «المغرب، الذي يترأس», «إلى أن المغرب قد …».</summary>
    private static int SubjectBefore(AnnotationIndex ix, int v)
    {
        var (sStart, _) = ix.SentenceTokens[ix.Tokens[v].Sentence];
        int q = v - 1;
        int skipped = 0;
        while (q >= sStart && skipped < 3 && ix.EntityOf[q] < 0
               && (ix.IsPunct(q) || (ix.Tokens[q].IsArabic && (ix.Has(q, EventWords.SubjectParticles)
                   || ix.Has(q, EventWords.RelativePronouns)))))
        {
            q--;
            skipped++;
        }
        if (q < sStart || ix.EntityOf[q] < 0) return -1;
        var e = ix.Doc.Entities[ix.EntityOf[q]];
        return EventSyntax.IsActorCapable(e) ? ix.EntityOf[q] : -1;
    }

    private static int FirstTokenOf(AnnotationIndex ix, int entity, int fallback)
    {
        if (entity < 0) return fallback;
        for (int k = fallback; k >= 0 && k > fallback - 8; k--)
            if (ix.EntityOf[k] == entity && ix.IsMentionStart(k)) return k;
        return fallback;
    }

    private static int FirstTokenStart(AnnotationIndex ix, int entity, int near)
    {
        int k = FirstTokenOf(ix, entity, near);
        return ix.Tokens[k].Start;
    }
}
