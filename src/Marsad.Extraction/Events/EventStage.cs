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
    private readonly TriggerLexicon _lexicon;
    private readonly EventTriggers _triggers;
    private readonly ContextLexicon _contexts;

    public EventStage(TriggerLexicon? lexicon = null, ContextLexicon? contexts = null)
    {
        _lexicon = lexicon ?? TriggerLexicon.Default;
        _triggers = new EventTriggers(_lexicon);
        _contexts = contexts ?? ContextLexicon.Default;
    }

    public string Name => "events";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        var ix = new AnnotationIndex(document, _lexicon);
        document.SetItem(ix);
        var mentions = _triggers.Find(ix);
        if (mentions.Count == 0) return;
        var at = new Dictionary<int, EventMention>(mentions.Count);
        foreach (var m in mentions) at[m.Token] = m;

        foreach (var m in mentions) EventSyntax.SetClause(ix, m, mentions);
        // Nouns first: verbs whose subject is an event noun take its actors.
        foreach (var m in mentions) if (m.IsNoun) EventArguments.ResolveNoun(ix, m, at);
        foreach (var m in mentions) if (!m.IsNoun) EventArguments.ResolveVerb(ix, m, at);
        // «تبنى التنظيم هجوما»: claiming an attack is not adopting a text (SVO order is in the lexicon's exclusions).
        foreach (var m in mentions)
            if (m.Type == "AGREE" && m.Mode == "adopt" && !m.IsNoun)
                for (int j = m.End; j < Math.Min(m.ClauseEnd, m.End + 8); j++)
                    if (at.TryGetValue(j, out var o) && o.Type == "ASSAULT" && o.IsNoun) { m.Dropped = true; break; }
        // «خطف صلاح هدف الفوز»، «خطفت الأضواء»: snatching a goal or the limelight is no abduction.
        foreach (var m in mentions)
            if (m.Type == "ASSAULT" && m.Mode == "abduct")
                for (int j = m.End; j < Math.Min(m.ClauseEnd, m.End + 6); j++)
                    if (ix.Has(j, EventWords.NotAbducted)) { m.Dropped = true; break; }
        foreach (var m in mentions) if (m.IsLight) EventArguments.LendToNoun(ix, m, at);
        EventArguments.LendSpeakers(ix, mentions);
        foreach (var m in mentions) if (!m.IsAuxiliary && !m.TimeExplicit) EventTime.PickTime(ix, m);
        EventTime.ContinueStatements(mentions);
        EventTime.RelativeDays(ix, mentions);
        foreach (var m in mentions)
        {
            if (m.IsAuxiliary) continue;
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
        foreach (var m in mentions) if (!m.IsAuxiliary && !m.Dropped) real.Add(m);
        var kept = EventMerger.Merge(ix, real);
        int id = 1;
        foreach (var m in kept)
        {
            if (!HasSubstance(ix, m)) continue;
            EventPlace.FallbackPlace(ix, m);
            var actors = new List<string>(m.Actors.Count);
            foreach (var a in m.Actors)
            {
                // A capital standing for its government (واشنطن، الخرطوم) is kept and its country added.
                var aid = document.Entities[a].Id;
                if (!actors.Contains(aid)) actors.Add(aid);
                if (ix.ActorFor(a) is >= 0 and var f && f != a && !actors.Contains(document.Entities[f].Id)) actors.Add(document.Entities[f].Id);
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
                Modality = m.Modality.Wire(),
                Sentence = new SpanRef(sentence.Start, sentence.End),
            });
        }
    }

    private static bool HasSubstance(AnnotationIndex ix, EventMention m)
    {
        if (IsGenericPlural(ix, m)) return false;
        if (m.Actors.Count > 0 || m.Targets.Count > 0) return true;
        if (m.Fatalities is not null || m.Injured is not null || m.Participants is not null) return true;
        // «وفرض حظر التجول»، «شنت طائرات غارات»، «المنتجات التي تمت مقاطعتها»: a light verb or تم/جرى
        // asserts the noun's happening even with no named participant.
        if (m.IsNoun && (m.Governed || m.Passive) && !InTitle(ix, m) && !InQuotation(ix, m)) return true;
        if (m.IsNoun && !TypeTraits.Is(m.Type, TypeTrait.Concrete)) return false;
        if (m.Location >= 0 || m.TimeExplicit) return true;
        // A verb asserts a happening even with no named participant («وقتل 12 شخصا في اشتباكات»، «إن
        // الإدارة طلبت مساعدة الجيش»), except in the headline, which restates the lead, and inside a
        // quotation, where bare verbs are the speaker's talk («تظاهرت كما لو أنني …»).
        return !m.IsNoun && !InTitle(ix, m) && !InQuotation(ix, m);
    }

    private static bool InTitle(AnnotationIndex ix, EventMention m) =>
        ix.Tokens[m.Token].Start < ix.Doc.TitleRange.End;

    /// <summary>An odd number of straight quotes, or more «“ than »”, between the sentence start and the trigger.</summary>
    private static bool InQuotation(AnnotationIndex ix, EventMention m)
    {
        var text = ix.Doc.Text.AsSpan(ix.Doc.Sentences[m.Sentence].Start, ix.Tokens[m.Token].Start - ix.Doc.Sentences[m.Sentence].Start);
        int straight = 0, open = 0;
        foreach (char c in text)
        {
            if (c == '"') straight++;
            else if (c is '«' or '“') open++;
            else if (c is '»' or '”') open--;
        }
        return straight % 2 == 1 || open > 0;
    }

    /// <summary>
    /// An indefinite plural of an event noun with no date and no count of its own, told over a period
    /// or with no participant, names no particular happening: «تقدم السعودية مساعدات لليمن منذ
    /// سنوات»، «تبادل البلدان زيارات خلال السنوات الماضية»; «فرضت واشنطن عقوبات على موسكو» is one. Talks (محادثات،
    /// مفاوضات: a plural that names one meeting) and violent acts reported as of the day («شنت
    /// غارات على …») are kept.
    /// </summary>
    private static bool IsGenericPlural(AnnotationIndex ix, EventMention m)
    {
        if (!m.IsNoun || m.Definite || m.End != m.Token + 1 || m.TimeExplicit) return false;
        if (m.Fatalities is not null || m.Injured is not null || m.Participants is not null) return false;
        if (m.Mode == "meeting" || TypeTraits.Is(m.Type, TypeTrait.Casualties)) return false;
        var t = ix.Tokens[m.Token];
        if (t.EncliticLength > 0) return false; // «زياراته»: his visits, told of one person
        var stem = t.Stem;
        if (!(stem.Length > 4 && stem[^1] == ArabicLetters.Teh && stem[^2] == ArabicLetters.Alef)) return false;
        // generic when told over a period (منذ سنوات، خلال السنوات الماضية) or with no participant at all
        if (m.Actors.Count == 0 && m.Targets.Count == 0 && !m.Witnessed) return true;
        for (int k = m.ClauseStart; k < m.ClauseEnd; k++)
            if (ix.Has(k, EventWords.CumulativeMarkers) || ix.Has(k, EventWords.PastCues)) return true;
        return false;
    }

    // ---- time, counts, modality, context ---------------------------------------------------

    private void Finish(AnnotationIndex ix, EventMention m, List<EventMention> all)
    {
        if (!m.TimeExplicit) EventTime.PickTime(ix, m);
        bool historical = EventTime.IsHistorical(ix, m);
        if (m.Time is null && !historical && ix.Doc.Document.Published is DateOnly pub) m.Time = pub.ToString("yyyy-MM-dd");
        if (m.Type == "ASSAULT" && EventCounts.IsDisaster(ix, m)) { m.Dropped = true; return; }
        EventPlace.WitnessPlace(ix, m);
        EventCounts.PickCounts(ix, m, all);
        EventModalities.PickModality(ix, m);
        if (historical && m.Modality == EventModality.Asserted) m.Modality = EventModality.Historical;
        m.Context = ix.SentenceContext(m.Sentence, _contexts);
    }

}
