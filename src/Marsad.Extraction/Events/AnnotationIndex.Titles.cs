using Marsad.Analysis;

namespace Marsad.Extraction.Events;

internal sealed partial class AnnotationIndex
{
    /// <summary>
    /// A title that stood in apposition before a person's name refers back to that person when it
    /// comes again alone: «وتعهد رئيس الوزراء» after «رئيس الوزراء العراقي، حيدر العبادي». The title
    /// is the role head and the words up to the name (a nisba, a comma and an honorific between
    /// them); a title that two people of the document bear refers to neither, and a later title
    /// with a nisba of another country («الرئيس الفرنسي» after «الرئيس الأمريكي، دونالد ترامب») is
    /// another office. Like <see cref="MarkShortReferences"/>, this feeds event and relation
    /// arguments only; the entity layer is left as it is.
    /// </summary>
    /// <param name="heads">Tokens with a role head (وزير، رئيس، البابا …) outside any mention, in order.</param>
    private void MarkTitleReferences(List<int> heads)
    {
        // title (its words' stems without the article) → (person, country of its nisba, token after the name)
        Dictionary<string, (int Person, int Country, int After)>? titles = null;
        HashSet<string>? shared = null;
        foreach (int h in heads)
        {
            if (TitleBeforeName(h) is not var (end, person, country)) continue;
            string key = TitleKey(h, end);
            titles ??= new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
            if (titles.TryGetValue(key, out var seen) && seen.Person != person) (shared ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            else if (!titles.ContainsKey(key)) titles[key] = (person, country, MentionEnd[FirstMentionTokenAfter(end)] + 1);
        }
        if (titles is null) return;
        if (shared is not null) foreach (var k in shared) titles.Remove(k);
        foreach (int h in heads)
        {
            if (EntityOf[h] >= 0) continue;
            // the longest title of the document starting here
            for (int end = Math.Min(Tokens.Count - 1, h + 3); end >= h; end--)
            {
                if (!Tokens[end].IsArabic || EntityOf[end] >= 0) continue;
                if (!titles.TryGetValue(TitleKey(h, end), out var t) || h < t.After) continue;
                int next = end + 1;
                if (next < Tokens.Count && EntityOf[next] >= 0)
                {
                    var e = Doc.Entities[EntityOf[next]];
                    // a name follows: a new apposition; a nisba of another country: another office
                    bool nisba = EventSyntax.IsCountry(e) && MentionEnd[next] == next && IsDefinite(next);
                    if (e.Type == EntityTypes.Person || (nisba && EntityOf[next] != t.Country)) break;
                    if (EntityOf[next] == t.Country && MentionEnd[next] == next) end = next;
                }
                else if (next < Tokens.Count && Tokens[next].IsArabic && IsDefinite(next) && Flags[next] == 0) break; // «الرئيس التنفيذي»
                for (int j = h; j <= end; j++)
                {
                    EntityOf[j] = t.Person;
                    MentionEnd[j] = end;
                }
                break;
            }
        }
    }

    /// <summary>
    /// «الأخير» used as a pronoun («غداة زيارة قام بها الأخير»، «وقال الأخير») refers to the person
    /// named last, in its sentence or the two before. After a definite noun or a name it is an
    /// adjective («الاجتماع الأخير»، «مجلس الأمن الأخير») and refers to nobody.
    /// </summary>
    private void MarkLatter(List<int> words)
    {
        foreach (int i in words)
        {
            if (i == 0 || EntityOf[i - 1] >= 0 || TimeOf[i - 1] >= 0) continue;
            if (!IsPunct(i - 1) && Tokens[i - 1].IsArabic && IsDefinite(i - 1) && !Has(i - 1, EventWords.Prepositions)) continue;
            int s = Tokens[i].Sentence;
            for (int k = i - 1; k >= 0 && Tokens[k].Sentence >= s - 2; k--)
            {
                if (EntityOf[k] < 0 || Doc.Entities[EntityOf[k]].Type != EntityTypes.Person) continue;
                EntityOf[i] = EntityOf[k];
                MentionEnd[i] = i;
                break;
            }
        }
    }

    /// <summary>
    /// The title at <paramref name="h"/> when a person's name follows it in apposition: its last word,
    /// the person and the country of a nisba between them (-1 when none), or null.
    /// </summary>
    private (int End, int Person, int Country)? TitleBeforeName(int h)
    {
        var (_, sEnd) = SentenceTokens[Tokens[h].Sentence];
        int end = h, country = -1;
        for (int k = h + 1; k < Math.Min(sEnd, h + 8); k++)
        {
            if (IsPunct(k))
            {
                if (Doc.Text[Tokens[k].Start] is not ('،' or ',')) return null;
                continue;
            }
            if (EntityOf[k] >= 0)
            {
                var e = Doc.Entities[EntityOf[k]];
                if (e.Type == EntityTypes.Person) return (end, EntityOf[k], country);
                if (!EventSyntax.IsCountry(e) || MentionEnd[k] != k || country >= 0) return null;
                country = EntityOf[k];
                continue;
            }
            if (!Tokens[k].IsArabic) return null;
            if (Has(k, EventWords.PersonTitles)) continue; // «العاهل السعودي الملك سلمان»
            if (country >= 0 || k - h > 3 || EventSyntax.IsBoundary(this, k) || Has(k, EventWords.Prepositions)) return null;
            end = k;
        }
        return null;
    }

    private int FirstMentionTokenAfter(int end)
    {
        int k = end + 1;
        while (k < Tokens.Count && (EntityOf[k] < 0 || Doc.Entities[EntityOf[k]].Type != EntityTypes.Person)) k++;
        return Math.Min(k, Tokens.Count - 1);
    }

    /// <summary>The stems of tokens <paramref name="h"/>..<paramref name="end"/> without the article, joined by spaces.</summary>
    private string TitleKey(int h, int end)
    {
        var parts = new string[end - h + 1];
        for (int k = h; k <= end; k++)
        {
            var st = Tokens[k].Stem;
            parts[k - h] = EventWords.WithoutArticle(st) is { Length: > 0 } b ? b.ToString() : st;
        }
        return string.Join(' ', parts);
    }
}
