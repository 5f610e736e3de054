using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>An event's date: a time expression of its clause or window, at the precision the times stage gives it.</summary>
internal static class EventTime
{
    internal static void PickTime(AnnotationIndex ix, EventMention m)
    {
        // After the trigger within its window (الاجتماع … الذي عقد في 11 مايو), else before it in the clause.
        // A time that is history («منذ 2011»، «ولد عام 1948») is passed over, not taken.
        // A time in a parenthesis the trigger is not in dates an aside, not this event.
        for (int j = m.End; j < m.WindowEnd; j++)
            if (ix.TimeOf[j] >= 0 && ix.SameParen(j, m.Token))
            {
                if (DatesACharge(ix, m, j)) break;
                if (SetTime(ix, m, ix.TimeOf[j])) return;
                j = ix.TimeEnd[j];
            }
        for (int j = m.Token - 1; j >= m.ClauseStart; j--)
            if (ix.TimeOf[j] >= 0 && ix.SameParen(j, m.Token) && SetTime(ix, m, ix.TimeOf[j])) return;
        // «وفي 17 مايو، أكد الوزراء رفض …»: a time before the speech verb that opened the clause covers what is said.
        if (m.ClauseStart > 0 && ix.Has(m.ClauseStart - 1, EventWords.SpeechVerbs))
        {
            var (sStart, _) = ix.SentenceTokens[m.Sentence];
            for (int j = m.ClauseStart - 2; j >= sStart && !IsBoundary(ix, j); j--)
                if (ix.TimeOf[j] >= 0 && ix.SameParen(j, m.Token) && SetTime(ix, m, ix.TimeOf[j])) return;
        }
        // A bare year right after the event's phrase names its time: «حرب 1967»، «اجتياح إسرائيل 1982 للبنان».
        int limit = Math.Min(m.WindowEnd, Math.Max(m.End, m.PhraseEnd + 1) + 3);
        for (int j = m.End; j < limit; j++)
        {
            var t = ix.Tokens[j];
            if (t.Kind != TokenKind.Number || t.Norm.Length != 4 || !ix.SameParen(j, m.Token)) continue;
            if (DatesACharge(ix, m, j)) break;
            if (ix.Has(j - 1, EventWords.HistoryMarkers) || (j >= 2 && ix.Has(j - 2, EventWords.HistoryMarkers))) return; // «المولود عام 1935»
            if (ArabicCounts.ParseDigits(t.Norm) is int y && y >= 1900 && (ix.Doc.Document.Published is not DateOnly p || y <= p.Year))
            {
                m.Time = t.Norm;
                m.TimeExplicit = true;
            }
            return;
        }
        // «ذكرت الجمعية في بيان، أمس، أن …»: the sentence's own time, the nearest one, when the clause has none.
        var (first, last) = ix.SentenceTokens[m.Sentence];
        int best = -1, bestDistance = int.MaxValue;
        for (int j = first; j < last; j++)
        {
            if (ix.TimeOf[j] < 0) continue;
            if (!ix.SameParen(j, m.Token) || DatesACharge(ix, m, j)) { j = ix.TimeEnd[j]; continue; }
            int d = j < m.Token ? m.Token - j : j - m.End;
            if (d < bestDistance && !IsHistory(ix, ix.TimeOf[j])) { best = ix.TimeOf[j]; bestDistance = d; }
            j = ix.TimeEnd[j];
        }
        if (best >= 0) SetTime(ix, m, best);
    }

    /// <summary>
    /// «أنكر واينستين تهمة التحرش بامرأة عام 2006»: a time after a charge noun that follows a speech
    /// act (a denial, an accusation) dates the alleged act, not the speech act, when it is older than a
    /// year: «أنكر التهم التي وجهت له في يونيو» dates the denial.
    /// </summary>
    private static bool DatesACharge(AnnotationIndex ix, EventMention m, int j)
    {
        if (j <= m.End || !TypeTraits.Is(m.Type, TypeTrait.Speech) || ix.Doc.Document.Published is not DateOnly pub) return false;
        string? value = ix.TimeOf[j] >= 0 ? ix.Doc.Times[ix.TimeOf[j]].Value : ix.Tokens[j].Norm;
        if (!IsoInterval.TryParse(value, out var iv) || iv.End.DayNumber >= pub.DayNumber - 365) return false;
        for (int k = m.End; k < j; k++)
            if (ix.Has(k, EventWords.ChargeNouns)) return true;
        return false;
    }

    /// <summary>
    /// «ذكرت الجمعية في بيان، أمس، أن …» then «وقالت الجمعية … لتدعو الشركات …»: an undated speech act
    /// (an accusation, a request, a denial) of an actor whose earlier speech act in the article is dated
    /// goes on with that statement and takes its date, not the dateline. Background in the pluperfect
    /// neither lends nor takes a date.
    /// </summary>
    internal static void ContinueStatements(List<EventMention> mentions)
    {
        for (int i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.IsAuxiliary || m.TimeExplicit || m.Pluperfect || m.Actors.Count == 0 || !TypeTraits.Is(m.Type, TypeTrait.Speech)) continue;
            for (int k = i - 1; k >= 0; k--)
            {
                var o = mentions[k];
                if (o.IsAuxiliary || !o.TimeExplicit || o.Pluperfect || !TypeTraits.Is(o.Type, TypeTrait.Speech)) continue;
                if (!o.Actors.Intersect(m.Actors).Any()) continue;
                m.Time = o.Time;
                m.TimeExplicit = true;
                break;
            }
        }
    }

    /// <summary>
    /// «وأتى اللقاء غداة زيارة قام بها الأخير إلى …»: an event noun right after غداة happened the day
    /// before the event that the clause places it after (the nearest one before it in the sentence, if
    /// that one has a day); after عشية, the day after. Its own date in its clause is kept.
    /// </summary>
    internal static void RelativeDays(AnnotationIndex ix, List<EventMention> mentions)
    {
        for (int i = 1; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.IsAuxiliary || m.Token == 0 || !m.IsNoun) continue;
            int shift = ix.Has(m.Token - 1, EventWords.DayAfter) ? -1 : ix.Has(m.Token - 1, EventWords.EveOf) ? 1 : 0;
            if (shift == 0) continue;
            EventMention? host = null;
            for (int k = i - 1; k >= 0 && host is null; k--)
                if (mentions[k].Sentence != m.Sentence) break;
                else if (!mentions[k].IsAuxiliary && mentions[k].Token < m.Token - 1) host = mentions[k];
            if (host?.Time is not { Length: 10 } day || !IsoInterval.TryParse(day, out var iv) || iv.Start != iv.End) continue;
            if (m.TimeExplicit && m.Time != host.Time && OwnClauseTime(ix, m)) continue;
            m.Time = iv.Start.AddDays(shift).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            m.TimeExplicit = true;
        }
    }

    /// <summary>A time expression stands inside the mention's own clause.</summary>
    private static bool OwnClauseTime(AnnotationIndex ix, EventMention m)
    {
        for (int j = m.ClauseStart; j < m.ClauseEnd; j++)
            if (ix.TimeOf[j] >= 0) return true;
        return false;
    }

    /// <summary>
    /// A time that dates history, not an event: «منذ 2011», «ولد عام 1948»، «مواليد 1990». «منذ» before a
    /// day or a month of the last year («وتشهد غزة منذ 30 آذار مسيرات») dates where an ongoing
    /// happening began, and an ongoing campaign is dated by its start, so that one is not history.
    /// </summary>
    internal static bool IsHistory(AnnotationIndex ix, int time)
    {
        var tv = ix.Doc.Times[time];
        bool since = tv.Text.StartsWith("منذ", StringComparison.Ordinal);
        int first = ix.FirstTokenEndingAfter(tv.Start);
        for (int k = first - 1; k >= Math.Max(0, first - 3) && !since; k--)
        {
            if (ix.TimeOf[k] >= 0 || ix.IsPunct(k)) break;
            if (!ix.Has(k, EventWords.HistoryMarkers)) continue;
            // only «منذ» right before the date names a start: «منذ محاكمته في يونيو» dates the trial, history
            if (k != first - 1 || !EventWords.Bare(ix.Tokens[k].Norm).SequenceEqual("منذ")) return true;
            since = true;
        }
        return since && !IsRecentStart(ix, tv.Value);
    }

    /// <summary>A single day or month (not a year, not a range) that ends within the year before the dateline.</summary>
    private static bool IsRecentStart(AnnotationIndex ix, string? value)
    {
        if (value is null || value.Length < 7 || value.Contains('/') || ix.Doc.Document.Published is not DateOnly pub) return false;
        if (!IsoInterval.TryParse(value, out var iv)) return false;
        return iv.End.DayNumber <= pub.DayNumber && iv.End.DayNumber >= pub.DayNumber - 365;
    }

    /// <summary>Takes the time as the event's, at the precision the times stage gave it; false for history.</summary>
    internal static bool SetTime(AnnotationIndex ix, EventMention m, int time)
    {
        // «منذ سبع سنوات», «منذ 2011»: where a duration starts, not when this happened.
        if (IsHistory(ix, time)) return false;
        m.Time = ix.Doc.Times[time].Value;
        m.TimeExplicit = true;
        return true;
    }

    /// <summary>
    /// An event told as history: a date that ended more than a year before the dateline, or no date
    /// and a cue of the past in its clause (آنذاك، في الماضي، سابقا). It is marked historical and not
    /// dated by the dateline, which dates only what the article reports as of the day.
    /// </summary>
    internal static bool IsHistorical(AnnotationIndex ix, EventMention m)
    {
        if (ix.Doc.Document.Published is not DateOnly pub) return false;
        if (m.TimeExplicit) return IsoInterval.TryParse(m.Time, out var iv) && iv.End.DayNumber < pub.DayNumber - 365;
        for (int k = m.ClauseStart; k < m.ClauseEnd; k++)
            if (ix.Has(k, EventWords.PastCues)) return true;
        return false;
    }

    /// <summary>«قتل 12 شخصا جراء الفيضانات»: a death word or an explosion in a clause about a flood or an accident.</summary>
}
