using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>
/// Codes events (PLOVER categories and modes) from trigger words and finds their arguments inside
/// the trigger's clause: actor and target (VSO, SVO, genitive, passive agent), the smallest place
/// after في/بـ, the time expression of the clause (else the dateline), ordinal, participants,
/// fatalities and injured, modality (negated, future, hypothetical) and context. Mentions of one
/// event within the document (a masdar and its verb, a later «الاجتماع») become one event.
/// Reads tokens, entities, times and quantities; writes <see cref="AnalyzedDocument.Events"/>.
/// </summary>
public sealed class EventStage : IAnalysisStage
{
    /// <summary>Types whose abstract nouns (دعم، تهديد، تعاون …) need an actor or target to count as an event.</summary>
    private static readonly FrozenSet<string> ConcreteNounTypes = new[] { "PROTEST", "ASSAULT", "CONSULT", "COERCE", "MOBILIZE" }.ToFrozenSet();

    /// <summary>Types where the genitive of the noun is who suffers the act (اغتيال الرئيس).</summary>
    private static readonly FrozenSet<string> CoerciveTypes = new[] { "ASSAULT", "COERCE", "SANCTION" }.ToFrozenSet();

    /// <summary>Types where «بين A وB» and «مع X» name participants on an equal footing.</summary>
    private static readonly FrozenSet<string> JointTypes = new[] { "CONSULT", "AGREE", "COOPERATE" }.ToFrozenSet();

    /// <summary>Types where ضد/على X names the target.</summary>
    private static readonly FrozenSet<string> AgainstTypes = new[] { "ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST", "ACCUSE", "MOBILIZE" }.ToFrozenSet();

    private static readonly FrozenSet<string> ParticipantTypes = new[] { "CONSULT", "PROTEST", "MOBILIZE", "COOPERATE" }.ToFrozenSet();

    private static readonly FrozenSet<string> CasualtyTypes = new[] { "ASSAULT", "COERCE", "PROTEST" }.ToFrozenSet();

    /// <summary>Larger figures near «قتلى» are in news almost always cumulative tolls (of a war, a campaign), not one event's.</summary>
    private const int MaxCasualties = 1000;

    private readonly TriggerLexicon _lexicon;
    private readonly ContextLexicon _contexts;

    public EventStage(TriggerLexicon? lexicon = null, ContextLexicon? contexts = null)
    {
        _lexicon = lexicon ?? TriggerLexicon.Default;
        _contexts = contexts ?? ContextLexicon.Default;
    }

    public string Name => "events";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        var ix = new AnnotationIndex(document, _lexicon);
        document.SetItem(ix);
        var mentions = FindTriggers(ix);
        if (mentions.Count == 0) return;
        var at = new Dictionary<int, EventMention>(mentions.Count);
        foreach (var m in mentions) at[m.Token] = m;

        foreach (var m in mentions) SetClause(ix, m, mentions);
        // Nouns first: verbs whose subject is an event noun take its actors.
        foreach (var m in mentions) if (m.IsNoun) ResolveNoun(ix, m, at);
        foreach (var m in mentions) if (!m.IsNoun) ResolveVerb(ix, m, at);
        // «تبنى التنظيم هجوما»: claiming an attack is not adopting a text (SVO order is in the lexicon's exclusions).
        foreach (var m in mentions)
            if (m.Type == "AGREE" && m.Mode == "adopt" && !m.IsNoun)
                for (int j = m.End; j < Math.Min(m.ClauseEnd, m.End + 8); j++)
                    if (at.TryGetValue(j, out var o) && o.Type == "ASSAULT" && o.IsNoun) { m.Dropped = true; break; }
        foreach (var m in mentions) if (m.IsLight) LendToNoun(ix, m, at);
        foreach (var m in mentions) if (!m.IsLight && !m.TimeExplicit) PickTime(ix, m);
        foreach (var m in mentions)
        {
            if (m.IsLight) continue;
            if (m.SubjectEvent is { } s && m.Actors.Count == 0)
                foreach (var a in s.Actors) m.AddActor(a);
            if (m.HostEvent is { } h)
            {
                // A passive or a noun («تم تبنيها في القمة») takes the host's actor; an active verb has its own.
                if (m.Actors.Count == 0 && (m.Passive || m.IsNoun)) foreach (var a in h.Actors) m.AddActor(a);
                if (m.Location < 0) m.Location = h.Location;
                if (!m.TimeExplicit && h.TimeExplicit) { m.Time = h.Time; m.TimeExplicit = true; }
            }
            Finish(ix, m, mentions);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var real = new List<EventMention>(mentions.Count);
        foreach (var m in mentions) if (!m.IsLight && !m.Dropped) real.Add(m);
        var kept = EventMerger.Merge(ix, real);
        int id = 1;
        foreach (var m in kept)
        {
            if (!HasSubstance(m)) continue;
            FallbackPlace(ix, m);
            var actors = new List<string>(m.Actors.Count);
            foreach (var a in m.Actors)
            {
                var aid = document.Entities[ix.ActorFor(a) is >= 0 and var f ? f : a].Id;
                if (!actors.Contains(aid)) actors.Add(aid);
            }
            var trig = ix.Tokens[m.Token];
            var last = ix.Tokens[m.End - 1];
            int start = trig.StemStart, end = m.End - 1 == m.Token ? trig.End : last.End;
            var sentence = document.Sentences[m.Sentence];
            document.Events.Add(new EventAnnotation
            {
                Id = "v" + id++,
                Type = m.Type,
                Mode = m.Mode,
                Context = m.Context,
                Trigger = new SpanText(start, end, document.Text[start..end]),
                Actors = actors,
                Targets = m.Targets.Select(a => document.Entities[a].Id).Where(t => !actors.Contains(t)).ToList(),
                Location = m.Location >= 0 ? document.Entities[m.Location].Id : null,
                GeoPrecision = m.Location >= 0 ? m.GeoPrecision ?? "clause" : null,
                Time = m.Time,
                Ordinal = m.Ordinal,
                Participants = m.Participants,
                Fatalities = m.Fatalities,
                Injured = m.Injured,
                Modality = m.Modality,
                Sentence = new SpanRef(sentence.Start, sentence.End),
            });
        }
    }

    /// <summary>
    /// An event with no place in its clause takes one from its sentence (a place after في/بـ or a
    /// place noun, the most precise, the nearest), else the document's main place (the place most
    /// mentioned; a country or city before a region). <see cref="EventMention.GeoPrecision"/> says which.
    /// </summary>
    private static void FallbackPlace(AnnotationIndex ix, EventMention m)
    {
        if (m.Location >= 0) { m.GeoPrecision ??= "clause"; return; }
        // «غزت الولايات المتحدة العراق»: an attack on a place happens there.
        if (CoerciveTypes.Contains(m.Type))
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
            if (ent.Type != EntityTypes.Location || m.Actors.Contains(e)) { j = ix.MentionEnd[j]; continue; }
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
        int main = ix.MainPlace();
        if (main >= 0)
        {
            m.Location = main;
            m.GeoPrecision = "document";
        }
    }

    private static bool HasSubstance(EventMention m)
    {
        if (m.Actors.Count > 0 || m.Targets.Count > 0) return true;
        if (m.Fatalities is not null || m.Injured is not null || m.Participants is not null) return true;
        if (m.IsNoun && !ConcreteNounTypes.Contains(m.Type)) return false;
        return m.Location >= 0 || m.TimeExplicit;
    }

    // ---- triggers -------------------------------------------------------------------------

    private List<EventMention> FindTriggers(AnnotationIndex ix)
    {
        var list = new List<EventMention>();
        var tokens = ix.Tokens;
        int next = 0;
        // Only tokens where the index saw a possible first word (its one pass over all tokens).
        foreach (int i in ix.TriggerCandidates)
        {
            if (i < next) continue;
            var t = tokens[i];
            // A word inside a name is not a trigger: منظمة «التعاون» الإسلامي، منتدى المانحين.
            if (!t.IsArabic || t.Sentence < 0 || ix.EntityOf[i] >= 0) continue;
            TriggerEntry? best = null;
            Consider(ix, i, t.Stem, viaStem: true, ref best);
            if (t.Stem != t.Norm) Consider(ix, i, t.Norm, viaStem: false, ref best);
            if (best is null && EventWords.WithoutPreposition(t.Norm) is { Length: >= 3 } noun)
                Consider(ix, i, noun, viaStem: true, ref best, forceNominal: true); // باجتماع، لقمة
            if (best is null && EventWords.WithoutArticle(t.Stem) is { Length: >= 2 } bare)
                Consider(ix, i, bare, viaStem: true, ref best, forceNominal: true); // القمة left whole
            if (best is null) continue;
            int end = i + best.WordCount;
            if (best.Kind != TriggerKind.Exclude)
            {
                list.Add(new EventMention { Token = i, End = end, Entry = best, Sentence = t.Sentence, Mode = best.Mode, Definite = ix.IsDefinite(i) });
            }
            next = end;
        }
        return list;
    }

    private void Consider(AnnotationIndex ix, int i, ReadOnlySpan<char> form, bool viaStem, ref TriggerEntry? best, bool forceNominal = false)
    {
        if (!_lexicon.TryGet(form, out var entries)) return;
        var t = ix.Tokens[i];
        // Verbs take no article or preposition: بالاعتماد is a noun, never the verb اعتمد.
        // … nor stand right after a preposition: «إلى دعم» is the masdar.
        bool nominal = forceNominal || (viaStem && (t.Proclitics & (Proclitics.Article | Proclitics.Ba | Proclitics.Lam | Proclitics.Kaf)) != 0)
            || (i > 0 && ix.Tokens[i - 1].Sentence == t.Sentence && IsPreposition(ix, i - 1));
        foreach (var e in entries)
        {
            if (nominal && e.Kind is TriggerKind.Verb or TriggerKind.LightVerb) continue;
            if (!RestMatches(ix, i, e.Rest)) continue;
            if (best is null || e.WordCount > best.WordCount
                || (e.WordCount == best.WordCount && Prefer(e, best, nominal)))
                best = e;
        }
    }

    /// <summary>Between two readings of one form, a noun after a clitic article, else a verb.</summary>
    private static bool Prefer(TriggerEntry e, TriggerEntry best, bool nominal) =>
        nominal ? e.Kind == TriggerKind.Noun && best.Kind != TriggerKind.Noun
                : e.Kind == TriggerKind.Verb && best.Kind == TriggerKind.Noun;

    private static bool RestMatches(AnnotationIndex ix, int i, string[] rest)
    {
        for (int k = 0; k < rest.Length; k++)
        {
            int j = i + 1 + k;
            if (j >= ix.Tokens.Count) return false;
            var t = ix.Tokens[j];
            if (t.Sentence != ix.Tokens[i].Sentence) return false;
            if (t.Stem != rest[k] && t.Norm != rest[k]) return false;
        }
        return true;
    }

    // ---- clause and window ----------------------------------------------------------------

    internal static bool IsBoundary(AnnotationIndex ix, int i)
    {
        var t = ix.Tokens[i];
        if (t.Kind == TokenKind.Punctuation)
        {
            char c = ix.Doc.Text[t.Start];
            return c is '؛' or ';' or ':' or '.' or '!' or '?' or '؟' or '…';
        }
        return ix.Has(i, EventWords.ClauseStarters);
    }

    private static void SetClause(AnnotationIndex ix, EventMention m, List<EventMention> all)
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

    // ---- nouns ----------------------------------------------------------------------------

    private static void ResolveNoun(AnnotationIndex ix, EventMention m, Dictionary<int, EventMention> at)
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
                m.Modality = "future"; // الاجتماع المقبل
            }
            j++;
            mods++;
        }
        // A nisba right after the noun names who acts: العقوبات الأمريكية، الغارات الروسية، الاحتجاجات الفلسطينية.
        if (j < m.WindowEnd && ix.IsMentionStart(j) && ix.MentionEnd[j] == j && ix.IsDefinite(j) == ix.IsDefinite(m.Token)
            && (tokens[j].Proclitics & (Proclitics.Ba | Proclitics.Lam)) == 0 && IsNisba(tokens[j].Stem) && IsCountry(ix.Doc.Entities[ix.EntityOf[j]]))
        {
            m.AddActor(ix.EntityOf[j]);
            j++;
        }
        // «الـ 10»
        if (m.Ordinal is null && j + 1 < m.WindowEnd && tokens[j].Norm is "ال" or "الـ" && ix.NumberAt(j + 1) is int n10 && n10 < 1000)
        {
            m.Ordinal = n10;
            j += 2;
        }

        // The genitive: اجتماع التحالف، الاجتماع … للتحالف، الاجتماع … لدول التحالف
        int genitive = -1;
        if (j < m.WindowEnd)
        {
            if (ix.IsMentionStart(j) && (!ix.IsDefinite(m.Token) || ix.EntityClitic(j) == ArabicLetters.Lam))
                genitive = j;
            else if (tokens[j].IsArabic && ix.EntityOf[j] < 0 && ((tokens[j].Proclitics & Proclitics.Lam) != 0 || (!ix.IsDefinite(m.Token) && !ix.IsDefinite(j) && !IsPreposition(ix, j))))
            {
                // one or two nouns of an idafa chain before the entity: لوزراء خارجية الدول
                for (int k = j + 1; k < Math.Min(m.WindowEnd, j + 3); k++)
                {
                    if (!tokens[k].IsArabic || IsPreposition(ix, k) || (tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) != 0) break;
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
            if (!CoerciveTypes.Contains(m.Type))
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

    private static void ResolveVerb(AnnotationIndex ix, EventMention m, Dictionary<int, EventMention> at)
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
        int prevTok = v - 1;
        if (prevTok >= m.ClauseStart && tokens[prevTok].IsArabic && ix.Has(prevTok, EventWords.PassiveAux))
            m.Passive = true;

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
            if (j < m.WindowEnd)
            {
                var t = tokens[j];
                if (ix.IsMentionStart(j) && !IsPrepositional(ix, j))
                {
                    if (ix.CanAct(ix.EntityOf[j]))
                    {
                        m.AddActor(ix.EntityOf[j]);
                        j = TakeCoordinated(ix, m, ix.MentionEnd[j] + 1, m.WindowEnd); // «وقعت مصر والسودان …»
                    }
                }
                else if (at.TryGetValue(j, out var ev) && ev.IsNoun)
                {
                    m.SubjectEvent = ev;
                    j = ev.PhraseEnd + 1;
                }
                else if (t.IsArabic && !IsPrepositional(ix, j) && ix.EntityOf[j] < 0)
                {
                    // A common-noun subject (قوات الأمن، الشرطة، وزير الخارجية); a nisba right after it
                    // (المغربية) names the actor's country.
                    // Only heads that act for a state (الجيش، وزير، السلطات) lend it the nisba: in «الكاتب
                    // المصري» or «الرئيس الأمريكي دونالد ترامب» the nisba describes a person, who is the actor.
                    int k = j + 1;
                    // a two-word head: رئيس الوزراء الإسرائيلي، وزير الخارجية الأمريكي
                    if (k + 1 < m.WindowEnd && ix.EntityOf[k] < 0 && tokens[k].IsArabic && ix.IsDefinite(k) && ix.IsMentionStart(k + 1)
                        && ix.Has(j, EventWords.StateHeads)) k++;
                    if (k < m.WindowEnd && ix.IsMentionStart(k) && ix.MentionEnd[k] == k && ix.IsDefinite(k)
                        && (tokens[k].Proclitics & (Proclitics.Ba | Proclitics.Lam)) == 0 && IsNisba(tokens[k].Stem)
                        && IsActorCapable(ix.Doc.Entities[ix.EntityOf[k]]))
                    {
                        int after = k + 1;
                        if (after < m.WindowEnd && ix.IsMentionStart(after) && ix.Doc.Entities[ix.EntityOf[after]].Type == EntityTypes.Person)
                        {
                            m.AddActor(ix.EntityOf[after]);
                            j = ix.MentionEnd[after] + 1;
                        }
                        else if (ix.Has(j, EventWords.StateHeads))
                        {
                            m.AddActor(ix.EntityOf[k]);
                            j = after;
                        }
                        else j = after;
                    }
                    else if (k < m.WindowEnd && ix.IsMentionStart(k) && ix.Doc.Entities[ix.EntityOf[k]].Type == EntityTypes.Person && ix.Has(j, EventWords.RoleHeads))
                    {
                        m.AddActor(ix.EntityOf[k]); // «قال الوزير فلان»
                        j = ix.MentionEnd[k] + 1;
                    }
                    else j++;
                }
            }
        }
        m.PhraseEnd = Math.Max(m.PhraseEnd, j - 1);
        ScanWindow(ix, m, j, at, verbObject: !m.Passive);
    }

    /// <summary>«A وB وC» after an actor: the coordinated mentions from <paramref name="j"/>; returns the token after them.</summary>
    private static int TakeCoordinated(AnnotationIndex ix, EventMention m, int j, int end)
    {
        while (j < end && ix.IsMentionStart(j) && ix.IsCoordinated(j) && ix.CanAct(ix.EntityOf[j]))
        {
            m.AddActor(ix.EntityOf[j]);
            j = ix.MentionEnd[j] + 1;
        }
        return j;
    }

    /// <summary>The subject ending at token <paramref name="q"/> and the mentions coordinated before it («مصر والسودان»).</summary>
    private static void AddSubjectBackwards(AnnotationIndex ix, EventMention m, int q, int floor)
    {
        m.AddActor(ix.EntityOf[q]);
        int start = q;
        while (start > 0 && ix.EntityOf[start - 1] == ix.EntityOf[q] && ix.MentionEnd[start - 1] == ix.MentionEnd[q]) start--;
        while (start > Math.Max(floor, 0) && ix.IsCoordinated(start))
        {
            int p = start - 1;
            if (ix.EntityOf[p] < 0 || !ix.CanAct(ix.EntityOf[p]) || ix.Tokens[p].Sentence != m.Sentence) break;
            int ps = p;
            while (ps > 0 && ix.EntityOf[ps - 1] == ix.EntityOf[p] && ix.MentionEnd[ps - 1] == ix.MentionEnd[p]) ps--;
            m.AddActor(ix.EntityOf[p]);
            start = ps;
        }
    }

    private static bool IsNisba(string stem) =>
        stem.Length > 3 && (stem[^1] == ArabicLetters.Yeh || (stem[^1] == ArabicLetters.TehMarbuta && stem[^2] == ArabicLetters.Yeh));

    private static EventMention? FindEventEndingAt(Dictionary<int, EventMention> at, int token)
    {
        foreach (var m in at.Values)
            if (m.IsNoun && m.PhraseEnd == token) return m;
        return null;
    }

    // ---- window scan: prepositional arguments, objects, places, agents ----------------------

    private static void ScanWindow(AnnotationIndex ix, EventMention m, int from, Dictionary<int, EventMention> at, bool verbObject = false)
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
                if (j == from && bare.SequenceEqual("بين") && JointTypes.Contains(m.Type))
                {
                    j = TakeList(ix, m, j + 1, m.WindowEnd, actors: true) - 1;
                    continue;
                }
                if (j == from && t.Stem == "بين")
                {
                    j = TakeList(ix, m, j + 1, m.WindowEnd, actors: false) - 1;
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
                    break;
                case "مع":
                    if (IsActorCapable(ent)) { if (JointTypes.Contains(m.Type)) m.AddTarget(e); }
                    break;
                case "ضد" or "علي" or "بحق" or "تجاه":
                    if (IsActorCapable(ent) && AgainstTypes.Contains(m.Type)) m.AddTarget(e);
                    else if (ent.Type == EntityTypes.Location && AgainstTypes.Contains(m.Type)) places.Add(e);
                    break;
                case "ل":
                    if (CoerciveTypes.Contains(m.Type) && IsActorCapable(ent)) m.AddTarget(e);
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

    /// <summary>«بين A وB وC» or «A وB»: the coordinated entities starting at <paramref name="j"/>.</summary>
    private static int TakeList(AnnotationIndex ix, EventMention m, int j, int end, bool actors)
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
    private static bool IsHostMarker(AnnotationIndex ix, int j)
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

    private static bool IsPrepositional(AnnotationIndex ix, int j) => PrepositionOf(ix, j, -1) != "";

    private static bool HasPrepositionBefore(AnnotationIndex ix, int start, int floor) => PrepositionOf(ix, start, floor - 1) != "";

    private static bool IsPreposition(AnnotationIndex ix, int j) => ix.Has(j, EventWords.Prepositions);

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

    // ---- light verbs ------------------------------------------------------------------------

    /// <summary>«عقد وزراء خارجية X اجتماعا في Y»: the light verb's actor and place go to the noun.</summary>
    private static void LendToNoun(AnnotationIndex ix, EventMention lv, Dictionary<int, EventMention> at)
    {
        // In a relative clause («الاجتماع … الذي عقد في …») the light verb describes the noun before it,
        // which already reads the clause; it never lends forward.
        if (lv.Token > 0 && ix.Has(lv.Token - 1, EventWords.RelativePronouns)) return;
        for (int j = lv.End; j < Math.Min(lv.ClauseEnd, lv.End + 8); j++)
        {
            if (ix.IsPunct(j)) return;
            if (!at.TryGetValue(j, out var noun) || noun.IsLight) continue;
            if (!noun.IsNoun) return;
            if (noun.Actors.Count == 0) foreach (var a in lv.Actors) noun.AddActor(a);
            if (noun.Actors.Count == 0 && lv.SubjectEvent is { } s) foreach (var a in s.Actors) noun.AddActor(a);
            if (noun.Location < 0) noun.Location = lv.Location;
            if (!noun.TimeExplicit) PickTime(ix, lv);
            if (!noun.TimeExplicit && lv.TimeExplicit) { noun.Time = lv.Time; noun.TimeExplicit = true; }
            PickModality(ix, lv);
            if (lv.Modality != "asserted") noun.LentModality = lv.Modality; // «لن توقع … الاتفاقية», «قد تفرض عقوبات»
            return;
        }
    }

    // ---- time, counts, modality, context ---------------------------------------------------

    private void Finish(AnnotationIndex ix, EventMention m, List<EventMention> all)
    {
        if (!m.TimeExplicit) PickTime(ix, m);
        if (m.Time is null && ix.Doc.Document.Published is DateOnly pub) m.Time = pub.ToString("yyyy-MM-dd");
        if (m.Type == "ASSAULT" && IsDisaster(ix, m)) { m.Dropped = true; return; }
        PickCounts(ix, m, all);
        PickModality(ix, m);
        m.Context = ix.SentenceContext(m.Sentence, _contexts);
    }

    private static void PickTime(AnnotationIndex ix, EventMention m)
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

    private static void SetTime(AnnotationIndex ix, EventMention m, int time)
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
    private static bool IsDisaster(AnnotationIndex ix, EventMention m)
    {
        bool generic = m.Mode is null && ix.Has(m.Token, EventWords.KillBefore)
            || EventWords.WithoutArticle(ix.Tokens[m.Token].Stem).SequenceEqual("انفجار") || ix.Tokens[m.Token].Stem == "انفجار";
        if (!generic) return false;
        for (int k = m.ClauseStart; k < m.ClauseEnd; k++)
            if (ix.Has(k, EventWords.Disasters)) return true;
        return false;
    }

    private static void PickCounts(AnnotationIndex ix, EventMention m, List<EventMention> all)
    {
        var tokens = ix.Tokens;
        // participants: وشارك فيه 86، بمشاركة 40 دولة
        for (int j = m.End; j < m.WindowEnd && m.Participants is null && ParticipantTypes.Contains(m.Type); j++)
        {
            if (!tokens[j].IsArabic || !ix.Has(j, EventWords.Participation)) continue;
            for (int k = j + 1; k < Math.Min(m.WindowEnd, j + 4); k++)
                if (ix.NumberAt(k) is int n) { m.Participants = n; break; }
        }
        if (!CasualtyTypes.Contains(m.Type)) return;
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

    private static bool IsVague(AnnotationIndex ix, int j)
    {
        if (ix.Has(j, EventWords.VagueNumbers)) return true;
        if (ix.QuantityOf[j] < 0) return false;
        int q = ix.QuantityOf[j];
        for (int k = j - 1; k >= 0 && ix.QuantityOf[k] == q; k--) if (ix.Has(k, EventWords.VagueNumbers)) return true;
        for (int k = j + 1; k < ix.Tokens.Count && ix.QuantityOf[k] == q; k++) if (ix.Has(k, EventWords.VagueNumbers)) return true;
        return false;
    }

    /// <summary>The casualty-type trigger a count at token <paramref name="j"/> belongs to: the nearest one before it in the clause, else the first after.</summary>
    private static EventMention? CountOwner(List<EventMention> all, EventMention m, int j)
    {
        EventMention? before = null, after = null;
        foreach (var o in all)
        {
            if (o.IsLight || o.Sentence != m.Sentence || !CasualtyTypes.Contains(o.Type) || o.ClauseStart != m.ClauseStart) continue;
            if (o.Token <= j) before = o;
            else { after ??= o; }
        }
        return before ?? after;
    }

    private static void PickModality(AnnotationIndex ix, EventMention m)
    {
        var tokens = ix.Tokens;
        if (m.Entry.Future || (tokens[m.Token].Proclitics & Proclitics.Seen) != 0) m.Modality = "future";
        if (m.LentModality is { } lent) { m.Modality = lent; return; }
        for (int k = m.Token - 1; k >= Math.Max(m.ClauseStart, m.Token - 3); k--)
        {
            var t = tokens[k];
            if (!t.IsArabic) continue;
            var norm = t.Norm;
            if (ix.Has(k, EventWords.Negations) || (norm is "لا" or "ولا" && m.Entry.Imperfect) || (t.Stem == "عدم" && m.IsNoun))
            {
                m.Modality = "negated";
                return;
            }
            if (norm is "قد" or "وقد" && m.Entry.Imperfect) { m.Modality = "hypothetical"; return; }
            if (ix.Has(k, EventWords.FutureWords)) { m.Modality = "future"; return; }
        }
        for (int k = m.Token - 1; k >= m.ClauseStart; k--)
            if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = "hypothetical"; return; }
        // «ستفرض عقوبات إذا …»: a condition after a future or unrealised act. A threat (هدد بـ … إذا)
        // and a past verb did happen; the condition is on what they announce.
        if (m.Type != "THREATEN" && (m.Modality == "future" || m.Entry.Imperfect))
            for (int k = m.End; k < m.ClauseEnd; k++)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.Conditionals)) { m.Modality = "hypothetical"; return; }
        // purpose: «تهدف خطة العمل … إلى دعم»
        if (m.Token > 0 && EventWords.Bare(tokens[m.Token - 1].Norm) is var before && (before.SequenceEqual("الي") || before.SequenceEqual("بهدف")))
        {
            var (sStart, _) = ix.SentenceTokens[m.Sentence];
            for (int k = m.Token - 1; k >= sStart; k--)
                if (tokens[k].IsArabic && ix.Has(k, EventWords.GoalVerbs)) { m.Modality = "future"; return; }
        }
        // an explicit time after the publication date
        if (m.Modality == "asserted" && m.TimeExplicit && m.Time is not null && ix.Doc.Document.Published is DateOnly pub
            && IsoInterval.TryParse(m.Time, out var iv) && iv.Start > pub)
            m.Modality = "future";
    }
}
