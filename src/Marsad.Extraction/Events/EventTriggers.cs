using Marsad.Analysis;
using Marsad.Text;
using static Marsad.Extraction.Events.EventSyntax;

namespace Marsad.Extraction.Events;

/// <summary>
/// Finds trigger words and phrases of the lexicon in a document's tokens: the longest entry at each
/// candidate token, a verb reading only where no article or preposition makes the word a noun.
/// </summary>
internal sealed class EventTriggers(TriggerLexicon lexicon)
{
    private readonly TriggerLexicon _lexicon = lexicon;

    public List<EventMention> Find(AnnotationIndex ix)
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
            // «وانتقدت» when the segmenter left the conjunction on: the form without و/ف
            if (best is null && EventWords.Bare(t.Norm) is { Length: >= 3 } bareVerb && bareVerb.Length < t.Norm.Length)
                Consider(ix, i, bareVerb, viaStem: false, ref best);
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
        for (int k = 0; k < list.Count; k++)
            if (list[k].IsSpeech && Condemns(ix, list[k]))
            {
                var v = list[k];
                var entry = new TriggerEntry("ACCUSE", "condemn", TriggerKind.Verb, [], v.Entry.Imperfect, v.Entry.Future);
                list[k] = new EventMention { Token = v.Token, End = v.End, Entry = entry, Sentence = v.Sentence, Mode = entry.Mode, Definite = false };
            }
        return list;
    }

    /// <summary>
    /// «ووصفت وزيرة الداخلية الهجوم بأنه "شنيع"»، «وصف البيان التفجير بالإرهابي»: a describing verb whose
    /// object is called a word of condemnation (after بأنه, or with ب on it) within its sentence condemns it.
    /// </summary>
    private static bool Condemns(AnnotationIndex ix, EventMention v)
    {
        if (!ix.Has(v.Token, EventWords.DescribeVerbs)) return false;
        var tokens = ix.Tokens;
        int afterAs = -10;
        for (int j = v.End, n = 0; j < tokens.Count && tokens[j].Sentence == v.Sentence && n < 14; j++)
        {
            if (ix.IsPunct(j)) continue;
            n++;
            if (ix.Has(j, EventWords.AsParticles)) { afterAs = j; continue; }
            if (!ix.Has(j, EventWords.CondemnWords)) continue;
            if (j - afterAs <= 3 || (tokens[j].Proclitics & Proclitics.Ba) != 0 || (tokens[j].Norm.Length > tokens[j].Stem.Length && tokens[j].Norm[0] == ArabicLetters.Beh)) return true;
        }
        return false;
    }

    private void Consider(AnnotationIndex ix, int i, ReadOnlySpan<char> form, bool viaStem, ref TriggerEntry? best, bool forceNominal = false)
    {
        if (!_lexicon.TryGet(form, out var entries)) return;
        var t = ix.Tokens[i];
        // Verbs take no article or preposition: بالاعتماد is a noun, never the verb اعتمد.
        // … nor stand right after a preposition: «إلى دعم» is the masdar.
        bool nominal = forceNominal || (viaStem && (t.Proclitics & (Proclitics.Article | Proclitics.Ba | Proclitics.Lam | Proclitics.Kaf)) != 0)
            || (i > 0 && ix.Tokens[i - 1].Sentence == t.Sentence && (IsPreposition(ix, i - 1) || ix.Has(i - 1, EventWords.MasdarHeads)));
        foreach (var e in entries)
        {
            if (nominal && e.Kind is TriggerKind.Verb or TriggerKind.LightVerb or TriggerKind.Speech) continue;
            // an exclusion may have an adverb after its first word: «تعتمد بشدة على»
            if (!RestMatches(ix, i, e.Rest, 0) && !(e.Kind == TriggerKind.Exclude && i + 1 < ix.Tokens.Count && ix.Has(i + 1, EventWords.Adverbs) && RestMatches(ix, i, e.Rest, 1))) continue;
            if (best is null || e.WordCount > best.WordCount
                || (e.WordCount == best.WordCount && Prefer(e, best, nominal)))
                best = e;
        }
    }

    /// <summary>Between two readings of one form, a noun after a clitic article, else a verb.</summary>
    private static bool Prefer(TriggerEntry e, TriggerEntry best, bool nominal) =>
        nominal ? e.Kind == TriggerKind.Noun && best.Kind != TriggerKind.Noun
                : e.Kind == TriggerKind.Verb && best.Kind == TriggerKind.Noun;

    private static bool RestMatches(AnnotationIndex ix, int i, string[] rest, int skip)
    {
        for (int k = 0; k < rest.Length; k++)
        {
            int j = i + 1 + skip + k;
            if (j >= ix.Tokens.Count) return false;
            var t = ix.Tokens[j];
            if (t.Sentence != ix.Tokens[i].Sentence) return false;
            if (t.Stem != rest[k] && t.Norm != rest[k]) return false;
        }
        return true;
    }

}
