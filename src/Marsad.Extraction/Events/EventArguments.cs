using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>
/// Actors and targets of event nouns and verbs, by the structure of Arabic news clauses: the genitive
/// and a nisba of a masdar, VSO and SVO subjects, relative clauses, passives. The window scan after
/// the subject (prepositional arguments, objects, places, agents) is in EventArguments.Window.cs.
/// </summary>
internal static partial class EventArguments
{
    // ---- nouns ----------------------------------------------------------------------------

    internal static void ResolveNoun(AnnotationIndex ix, EventMention m, Dictionary<int, EventMention> at)
    {
        var tokens = ix.Tokens;
        var trig = tokens[m.Token];
        int j = m.End;
        int mods = 0;
        // Adjectives and ordinals after the noun: الاجتماع الوزاري العاشر
        // Adjectives agree in definiteness: only a definite noun takes definite adjectives here
        // (in «دعم الدول الإفريقية» the definite word is a genitive, not an adjective).
        while (ix.IsDefinite(m.Token) && j < m.WindowEnd && mods < 4)
        {
            var t = tokens[j];
            if (!t.IsArabic || ix.EntityOf[j] >= 0 || ix.TimeOf[j] >= 0) break;
            if ((t.Proclitics & (Proclitics.Lam | Proclitics.Ba | Proclitics.Kaf)) != 0 || !ix.IsDefinite(j)) break;
            if (ArabicCounts.Ordinal(t.Stem) is int ord)
            {
                // compound ordinals: الحادي عشر، الخامس والعشرين
                if (j + 1 < m.WindowEnd && ArabicCounts.OrdinalTen(tokens[j + 1].Stem) is int ten)
                {
                    ord = ten == 10 ? ord + 10 : ord + ten;
                    j++;
                }
                m.Ordinal = ord;
            }
            else if (ArabicCounts.OrdinalTen(t.Stem) is int tens && tens >= 20)
            {
                m.Ordinal = tens; // العشرين
            }
            else if (ix.Has(j, EventWords.FutureAfter))
            {
                m.Modality = EventModality.Future; // الاجتماع المقبل
            }
            j++;
            mods++;
        }
        // «قمة ثنائية مرتقبة»: an indefinite noun's adjectives are indefinite too
        if (!ix.IsDefinite(m.Token))
            for (int a = j; a < Math.Min(m.WindowEnd, j + 3) && tokens[a].IsArabic && ix.EntityOf[a] < 0 && !ix.IsDefinite(a); a++)
                if (ix.Has(a, EventWords.FutureAfter)) { m.Modality = EventModality.Future; break; }
        // A nisba right after the noun names who acts: العقوبات الأمريكية، الغارات الروسية، الاحتجاجات الفلسطينية.
        if (j < m.WindowEnd && ix.IsMentionStart(j) && ix.MentionEnd[j] == j && ix.IsDefinite(j) == ix.IsDefinite(m.Token)
            && (tokens[j].Proclitics & (Proclitics.Ba | Proclitics.Lam)) == 0 && IsNisba(tokens[j].Stem) && IsCountry(ix.Doc.Entities[ix.EntityOf[j]]))
        {
            // «طرد السفير الفلبيني»: after a phrase ending in its object the nisba describes the object.
            if (m.End - m.Token > 1 && TypeTraits.Is(m.Type, TypeTrait.Coercive)) m.AddTarget(ix.EntityOf[j]);
            else m.AddActor(ix.EntityOf[j]);
            j++;
        }
        // «قرار الكويت طرد السفير»، «خطة واشنطن فرض …»: who decided is who acts.
        if (m.Actors.Count == 0 && m.Token >= 2 && ix.EntityOf[m.Token - 1] >= 0 && ix.CanAct(ix.EntityOf[m.Token - 1]))
        {
            int s0 = m.Token - 1;
            while (s0 > 0 && ix.EntityOf[s0 - 1] == ix.EntityOf[m.Token - 1] && ix.MentionEnd[s0 - 1] == ix.MentionEnd[m.Token - 1]) s0--;
            if (s0 > 0 && ix.Has(s0 - 1, EventWords.DecisionNouns)) m.AddActor(ix.EntityOf[m.Token - 1]);
        }
        // «الـ 10»
        if (m.Ordinal is null && j + 1 < m.WindowEnd && tokens[j].Norm is "ال" or "الـ" && ix.NumberAt(j + 1) is int n10 && n10 < 1000)
        {
            m.Ordinal = n10;
            j += 2;
        }

        // The genitive: اجتماع التحالف، الاجتماع … للتحالف، الاجتماع … لدول التحالف
        int genitive = -1;
        // An indefinite accusative (مطالبا، داعيا) is a participle or an object: it heads no idafa.
        var trigNorm = tokens[m.Token].Norm;
        bool accusative = !m.Definite && m.End == m.Token + 1 && trigNorm.Length > 3 && trigNorm[^1] == ArabicLetters.Alef;
        if (j < m.WindowEnd && !(accusative && ix.EntityClitic(j) != ArabicLetters.Lam && (tokens[j].Proclitics & Proclitics.Lam) == 0))
        {
            if (ix.IsMentionStart(j) && (!ix.IsDefinite(m.Token) || ix.EntityClitic(j) == ArabicLetters.Lam))
                genitive = j;
            else if (tokens[j].IsArabic && ix.EntityOf[j] < 0 && ((tokens[j].Proclitics & Proclitics.Lam) != 0 || (!ix.IsDefinite(m.Token) && !ix.IsDefinite(j) && !IsPreposition(ix, j))))
            {
                // one or two nouns of an idafa chain before the entity: لوزراء خارجية الدول
                for (int k = j + 1; k < Math.Min(m.WindowEnd, j + 3); k++)
                {
                    if (!tokens[k].IsArabic || IsPreposition(ix, k) || (tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) != 0) break;
                    // «محاولة قتل جاسوس روسي»: a nisba after a common noun says where that noun is from
                    if (IsNisbaOfNoun(ix, k)) break;
                    if (ix.IsMentionStart(k)) { genitive = k; break; }
                }
                // «رفض قرار الولايات المتحدة»: the entity owns what the act is about, it does not act.
                if (genitive > j && ix.Has(j, EventWords.ObjectNouns))
                {
                    if (ix.CanAct(ix.EntityOf[genitive])) m.AddTarget(ix.EntityOf[genitive]);
                    genitive = -1;
                }
            }
        }
        if (genitive >= 0)
        {
            int e = ix.EntityOf[genitive];
            var ent = ix.Doc.Entities[e];
            int after = ix.MentionEnd[genitive] + 1;
            if (TypeTraits.Is(m.Type, TypeTrait.Recipient) && (ix.EntityClitic(genitive) == ArabicLetters.Lam || (tokens[j].Proclitics & Proclitics.Lam) != 0))
            {
                // «نداء لقادة دول المجلس»، «مساعدات لليمن»: the ل names whom it is addressed to
                if (ix.CanAct(e)) m.AddTarget(e);
            }
            else if (!TypeTraits.Is(m.Type, TypeTrait.Coercive))
            {
                if (ix.CanAct(e))
                {
                    m.AddActor(e);
                    after = TakeCoordinated(ix, m, after, m.WindowEnd); // اجتماع مصر والسودان
                }
            }
            else
            {
                bool objectFollows = after < m.WindowEnd && ix.IsMentionStart(after)
                    && (ix.EntityClitic(after) == ArabicLetters.Lam || PrepositionOf(ix, after, m.Token) == "");
                if (objectFollows || ent.Type == EntityTypes.Organisation || IsCountry(ent)) m.AddActor(e);
                else if (ent.Type == EntityTypes.Location) m.Location = e;
                else m.AddTarget(e);
            }
            j = after;
        }
        m.PhraseEnd = Math.Max(m.PhraseEnd, j - 1);
        // passive: تم تبنيه، سيتم توقيع
        int prev = m.Token - 1;
        if (prev >= m.ClauseStart && tokens[prev].IsArabic && ix.Has(prev, EventWords.PassiveAux))
            m.Passive = true;
        ScanWindow(ix, m, j, at);
    }


    // ---- verbs ----------------------------------------------------------------------------

    internal static void ResolveVerb(AnnotationIndex ix, EventMention m, Dictionary<int, EventMention> at)
    {
        var tokens = ix.Tokens;
        int v = m.Token;
        // Relative clause: «المغرب، الذي يترأس …» — the antecedent is the subject.
        int p = v - 1;
        bool haveSubject = false;
        if (p >= m.ClauseStart - 1 && p >= 0 && tokens[p].IsArabic && ix.Has(p, EventWords.RelativePronouns))
        {
            int q = p - 1;
            if (q >= 0 && ix.IsPunct(q)) q--;
            if (q >= 0 && ix.EntityOf[q] >= 0 && tokens[q].Sentence == m.Sentence && ix.CanAct(ix.EntityOf[q]))
            {
                AddSubjectBackwards(ix, m, q, q - 30);
                haveSubject = true;
            }
            else if (q >= 0 && FindEventEndingAt(at, q) is { } ev)
            {
                m.SubjectEvent = ev;
                haveSubject = true;
            }
        }
        // SVO: «المغرب يرأس …», «إن الجيش قد …»
        if (!haveSubject)
        {
            int q = v - 1;
            while (q >= m.ClauseStart && q >= v - 2 && tokens[q].IsArabic && ix.Has(q, EventWords.SubjectParticles)) q--;
            if (q >= m.ClauseStart && ix.EntityOf[q] >= 0)
            {
                int start = q;
                while (start > m.ClauseStart && ix.EntityOf[start - 1] == ix.EntityOf[q] && ix.MentionEnd[start - 1] == ix.MentionEnd[q]) start--;
                if (ix.CanAct(ix.EntityOf[q]) && !HasPrepositionBefore(ix, start, m.ClauseStart))
                {
                    AddSubjectBackwards(ix, m, q, m.ClauseStart); // «مصر والسودان ترفضان …»
                    haveSubject = true;
                }
            }
        }
        m.HasOwnSubject = haveSubject;
        int prevTok = v - 1;
        if (prevTok >= m.ClauseStart && tokens[prevTok].IsArabic && ix.Has(prevTok, EventWords.PassiveAux))
            m.Passive = true;
        // «وكان واينستين قد أنكر»: كان earlier in the clause, قد right before the verb
        if (prevTok > m.ClauseStart && EventWords.Bare(tokens[prevTok].Norm) is "قد" or "لقد")
            for (int k = prevTok - 1; k >= Math.Max(m.ClauseStart, v - 8); k--)
                if (ix.Has(k, EventWords.PluperfectAux)) { m.Pluperfect = true; break; }

        int j = m.End;
        if (!haveSubject && !m.Passive)
        {
            // VSO: the first noun phrase after the verb, past adverbs and time expressions.
            while (j < m.WindowEnd)
            {
                if (ix.TimeOf[j] >= 0) { j = ix.TimeEnd[j] + 1; continue; }
                if (ix.IsPunct(j) || (tokens[j].IsArabic && ix.Has(j, EventWords.Adverbs) && ix.EntityOf[j] < 0)) { j++; continue; }
                break;
            }
            // «وقعت كل من قطر والسودان …»
            bool kullMin = j + 2 < m.WindowEnd && EventWords.Bare(tokens[j].Norm).SequenceEqual("كل") && tokens[j + 1].Norm == "من" && ix.IsMentionStart(j + 2);
            if (kullMin) j += 2;
            if (j < m.WindowEnd)
            {
                var t = tokens[j];
                // «الاحتلال يقتل فلسطينيين»: an indefinite gentilic after the verb is its object, not its subject
                bool gentilicObject = ix.IsMentionStart(j) && !kullMin && ix.MentionEnd[j] == j && !ix.IsDefinite(j)
                    && IsGentilic(tokens[j].Stem) && IsCountry(ix.Doc.Entities[ix.EntityOf[j]]);
                if (ix.IsMentionStart(j) && !gentilicObject && (kullMin || !IsPrepositional(ix, j)))
                {
                    m.HasOwnSubject = true;
                    if (ix.CanAct(ix.EntityOf[j]))
                    {
                        m.AddActor(ix.EntityOf[j]);
                        j = TakeCoordinated(ix, m, ix.MentionEnd[j] + 1, m.WindowEnd); // «وقعت مصر والسودان …»
                    }
                }
                else if (at.TryGetValue(j, out var ev) && ev.IsNoun)
                {
                    m.HasOwnSubject = true;
                    m.SubjectEvent = ev;
                    j = ev.PhraseEnd + 1;
                }
                else if (t.IsArabic && !IsPrepositional(ix, j) && ix.EntityOf[j] < 0)
                    j = CommonNounSubject(ix, m, j);
            }
        }
        m.PhraseEnd = Math.Max(m.PhraseEnd, j - 1);
        ScanWindow(ix, m, j, at, verbObject: !m.Passive);
    }

    /// <summary>
    /// A common-noun subject after a verb (قوات الأمن، الشرطة، وزير الخارجية، العاهل السعودي الملك سلمان):
    /// a head of one or two words, an optional nisba naming a country, then titles and commas before
    /// a person's name in apposition. The person is the actor; without one, a head that acts for a
    /// state (الجيش، الحكومة، وزير) makes the nisba's country the actor. In «الكاتب المصري» the
    /// nisba only describes. Returns the token after the subject.
    /// </summary>
    private static int CommonNounSubject(AnnotationIndex ix, EventMention m, int j)
    {
        var tokens = ix.Tokens;
        bool stateHead = ix.Has(j, EventWords.StateHeads);
        // An indefinite noun after a verb is its object (طلبت مساعدة); a definite one or a title is the subject.
        if (ix.IsDefinite(j) || stateHead || ix.Has(j, EventWords.RoleHeads)) m.HasOwnSubject = true;
        else return j + 1;
        m.WeakSubject = !stateHead && !ix.Has(j, EventWords.RoleHeads) && !ix.Has(j, EventWords.PersonTitles);
        int k = j + 1;
        // a two-word head: رئيس الوزراء، وزير الخارجية، وزيرة الداخلية
        // (الخارجية looks like a nisba; a nisba naming a country is a mention, so a word that is none is part of the head)
        if (k < m.WindowEnd && ix.EntityOf[k] < 0 && tokens[k].IsArabic && ix.IsDefinite(k) && !ix.Has(k, EventWords.PersonTitles)
            && (stateHead || ix.Has(j, EventWords.RoleHeads))) k++;
        int country = -1;
        if (k < m.WindowEnd && ix.IsMentionStart(k) && ix.MentionEnd[k] == k && ix.IsDefinite(k)
            && (tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) == 0 && IsNisba(tokens[k].Stem)
            && IsActorCapable(ix.Doc.Entities[ix.EntityOf[k]]))
            country = ix.EntityOf[k++];
        // titles and commas in apposition before the name: «العاهل السعودي الملك سلمان»، «وزيرة الداخلية، أمبر راد»
        int p = k;
        for (int skipped = 0; p < m.WindowEnd && skipped < 3 && ix.EntityOf[p] < 0; skipped++)
        {
            if (IsComma(ix, p) || ix.Has(p, EventWords.PersonTitles)) p++;
            else break;
        }
        if (p < m.WindowEnd && ix.IsMentionStart(p) && ix.Doc.Entities[ix.EntityOf[p]].Type == EntityTypes.Person
            && (country >= 0 || stateHead || ix.Has(j, EventWords.RoleHeads) || ix.Has(j, EventWords.PersonTitles) || p > k))
        {
            m.AddActor(ix.EntityOf[p]);
            return ix.MentionEnd[p] + 1;
        }
        if (country < 0 && DescribedName(ix, j + 1, m.WindowEnd) is int named)
        {
            m.AddActor(ix.EntityOf[named]);
            return ix.MentionEnd[named] + 1;
        }
        if (country >= 0 && stateHead) m.AddActor(country);
        return k;
    }

    /// <summary>
    /// A longer description before a name in apposition: definite adjectives, then a nisba or a place
    /// after في, a comma or an honorific, then the person — «المنتج السينمائي الأمريكي هارفي واينستين»،
    /// «المرجع الشيعي الأعلى في العراق، آية الله علي السيستاني». The name's first token, or null.
    /// </summary>
    private static int? DescribedName(AnnotationIndex ix, int k, int end)
    {
        var tokens = ix.Tokens;
        int words = 0, afterPlace = 0;
        bool place = false;
        for (; k < end && words < 8; k++, words++)
        {
            if (ix.IsMentionStart(k))
            {
                var e = ix.Doc.Entities[ix.EntityOf[k]];
                if (e.Type == EntityTypes.Person) return place || words > 0 ? k : null;
                // a nisba (الأمريكي) or «في العراق» may end the description
                bool nisba = ix.MentionEnd[k] == k && ix.IsDefinite(k) && IsNisba(tokens[k].Stem) && IsCountry(e);
                bool inPlace = e.Type is EntityTypes.Location or EntityTypes.Organisation && k > 0 && tokens[k - 1].Norm == "في";
                if (place || !(nisba || inPlace)) return null;
                place = true;
                k = ix.MentionEnd[k];
                continue;
            }
            if (IsComma(ix, k)) continue;
            if (!tokens[k].IsArabic || ix.EntityOf[k] >= 0 || IsBoundary(ix, k)) return null;
            // «في» only before the place that ends the description
            if (tokens[k].Norm == "في") { if (place || k + 1 >= end || !ix.IsMentionStart(k + 1)) return null; continue; }
            if (ix.Has(k, EventWords.PersonTitles)) continue;
            // after the nisba or place only an honorific (آية الله) stands before the name
            if (place ? ++afterPlace > 2 : !ix.IsDefinite(k) || (tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) != 0) return null;
        }
        return null;
    }

    private static bool IsComma(AnnotationIndex ix, int i) => ix.IsPunct(i) && ix.Doc.Text[ix.Tokens[i].Start] is '،' or ',';

    /// <summary>«A وB وC» after an actor: the coordinated mentions from <paramref name="j"/>; returns the token after them.</summary>
    internal static int TakeCoordinated(AnnotationIndex ix, EventMention m, int j, int end)
    {
        while (j < end && ix.IsMentionStart(j) && ix.IsCoordinated(j) && ix.CanAct(ix.EntityOf[j]))
        {
            m.AddActor(ix.EntityOf[j]);
            j = ix.MentionEnd[j] + 1;
        }
        return j;
    }

    /// <summary>The subject ending at token <paramref name="q"/> and the mentions coordinated before it («مصر والسودان»).</summary>
    internal static void AddSubjectBackwards(AnnotationIndex ix, EventMention m, int q, int floor)
    {
        m.AddActor(ix.EntityOf[q]);
        int start = q;
        while (start > 0 && ix.EntityOf[start - 1] == ix.EntityOf[q] && ix.MentionEnd[start - 1] == ix.MentionEnd[q]) start--;
        while (start > Math.Max(floor, 0))
        {
            // «ساركوزي ورئيس الوزراء السابق مانويل فالس»: the و is on the title before the name
            int title = TitleBefore(ix, start, floor);
            if (title < 0 && !ix.IsCoordinated(start)) break;
            if (title >= 0) start = title;
            int p = start - 1;
            if (p < 0) break;
            if (ix.EntityOf[p] < 0 || !ix.CanAct(ix.EntityOf[p]) || ix.Tokens[p].Sentence != m.Sentence) break;
            int ps = p;
            while (ps > 0 && ix.EntityOf[ps - 1] == ix.EntityOf[p] && ix.MentionEnd[ps - 1] == ix.MentionEnd[p]) ps--;
            m.AddActor(ix.EntityOf[p]);
            start = ps;
        }
    }

    /// <summary>
    /// The first token of a coordinated title before the name at <paramref name="start"/>: up to four
    /// words, the first with و on it, made of titles, role or state heads and their adjectives
    /// («ورئيس الوزراء السابق»، «والرئيس التركي»); -1 when there is none.
    /// </summary>
    private static int TitleBefore(AnnotationIndex ix, int start, int floor)
    {
        bool head = false;
        for (int k = start - 1; k > Math.Max(floor, 0) && k >= start - 4; k--)
        {
            var t = ix.Tokens[k];
            if (!t.IsArabic || ix.TimeOf[k] >= 0 || IsBoundary(ix, k) || IsPreposition(ix, k)) return -1;
            // a nisba (التركي) is a mention of its country inside the title
            if (ix.EntityOf[k] >= 0 && !(ix.MentionEnd[k] == k && IsNisba(t.Stem))) return -1;
            head |= ix.Has(k, EventWords.RoleHeads) || ix.Has(k, EventWords.StateHeads) || ix.Has(k, EventWords.PersonTitles);
            if ((t.Proclitics & Proclitics.Waw) != 0) return head && ix.EntityOf[k - 1] >= 0 ? k : -1;
        }
        return -1;
    }

    /// <summary>
    /// The mention at <paramref name="k"/> is a nisba describing the common noun before it (صحفي
    /// سعودي، الصحفي السعودي، جاسوسا روسيا): the person's origin, neither an argument nor a place.
    /// </summary>
    internal static bool IsNisbaOfNoun(AnnotationIndex ix, int k)
    {
        if (k == 0 || !ix.IsMentionStart(k) || ix.MentionEnd[k] != k || !IsNisba(ix.Tokens[k].Stem)) return false;
        if ((ix.Tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) != 0 || !IsCountry(ix.Doc.Entities[ix.EntityOf[k]])) return false;
        var before = ix.Tokens[k - 1];
        return before.IsArabic && ix.EntityOf[k - 1] < 0 && ix.TimeOf[k - 1] < 0 && !IsPreposition(ix, k - 1) && ix.IsDefinite(k - 1) == ix.IsDefinite(k)
            && !ix.Has(k - 1, EventWords.StateHeads);
    }

    /// <summary>A nisba or its plural: مصري، مصرية، فلسطينيين، فلسطينيون.</summary>
    internal static bool IsGentilic(string stem) =>
        IsNisba(stem) || (stem.Length > 5 && stem[^3] == ArabicLetters.Yeh && (stem.EndsWith("ين", StringComparison.Ordinal) || stem.EndsWith("ون", StringComparison.Ordinal)));

    internal static bool IsNisba(string stem) =>
        stem.Length > 3 && (stem[^1] == ArabicLetters.Yeh || (stem[^1] == ArabicLetters.TehMarbuta && stem[^2] == ArabicLetters.Yeh));

    internal static EventMention? FindEventEndingAt(Dictionary<int, EventMention> at, int token)
    {
        foreach (var m in at.Values)
            if (m.IsNoun && m.PhraseEnd == token) return m;
        return null;
    }
}
