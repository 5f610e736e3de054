using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

internal sealed partial class EntityExtractor
{
    // ---------------------------------------------------------------- organisations

    /// <summary>
    /// وزارة/هيئة/مجلس/مجموعة … followed by its noun phrase: definite words and adjectives, ل+ال
    /// complements (للتنمية), و-joined definite words (الشؤون الخارجية والتعاون الإفريقي), بال after a
    /// participle (المقيمين بالخارج), «المعنية بـY» and «حول/ضد Y», known names and demonyms. The
    /// signature used for merging replaces every place (name, demonym or «المعنية بـY») by its key, so
    /// «مجموعة التركيز الإفريقية» and «مجموعة التركيز المعنية بإفريقيا» get the same one.
    /// </summary>
    private int TryOrganisation(int i, out string signature, out string? country, out string subtype)
    {
        signature = "";
        country = null;
        subtype = "organisation";
        if (!_t[i].Arabic) return -1;
        var sig = new StringBuilder().Append(Bare(i));
        bool trigArticle = _t[i].Best.Article;
        int j = i + 1, included = 0;
        bool lastArticle = false, lastParticiple = false;
        int listedEnd = -1; // where the last listed name or demonym taken into the phrase ends
        while (SameSentence(i, j) && j - i <= 12)
        {
            ref var tj = ref _t[j];
            if (!tj.Arabic) break;
            var lex = _lexAt[j];
            if (Has(j, WordClass.TopicPrep) || ((tj.Full & WordClass.TopicPrep) != 0))
            {
                if (!SameSentence(i, j + 1)) break;
                var lx = _lexAt[j + 1];
                if (lx.End > 0 && lx.Analysis.Prep == '\0')
                {
                    Topic(sig, lx, ref country);
                    j = lx.End;
                    included += 2;
                    lastArticle = true;
                    continue;
                }
                break;
            }
            if (Has(j, WordClass.Concern) && tj.Best.Article && SameSentence(i, j + 1))
            {
                var lx = _lexAt[j + 1];
                if (lx.End > 0 && lx.Analysis.Prep == ArabicLetters.Beh)
                {
                    Topic(sig, lx, ref country);
                    j = lx.End;
                    included += 2;
                    continue;
                }
                break;
            }
            // «بين» + a definite noun after a definite word goes on with the name (مركز الحوار بين الحضارات)
            if (lastArticle && Bare(j).SequenceEqual("بين") && !tj.Best.Conj && SameSentence(i, j + 1) && _t[j + 1].Arabic
                && _t[j + 1].Best.Article && _t[j + 1].Best.Prep == '\0' && !_t[j + 1].Best.Conj && !IsStop(j + 1) && _lexAt[j + 1].End == 0)
            {
                sig.Append('|').Append(Bare(j)).Append('|').Append(Bare(j + 1));
                included += 2;
                j += 2;
                continue;
            }
            if ((tj.Full & WordClass.Stop) != 0) break;
            // و + a listed organisation is a second name (القوات الحكومية | والحوثيين)
            if (lex.End > 0 && lex.Analysis.Conj && lex.Payload.Kind == MatchKind.Name && _lex.Targets[lex.Payload.Target].Type == EntityTypes.Organisation) break;
            // listed name + و + a listed place: two names side by side (الاتحاد الأوروبي | والمكسيك), not a topic
            if (lex.End > 0 && lex.Analysis.Conj && listedEnd == j && lex.Payload.Kind == MatchKind.Name && _lex.Targets[lex.Payload.Target].Type == EntityTypes.Location) break;
            if (lex.End > 0 && (lex.Analysis.Prep == '\0' || (lex.Analysis.Prep == ArabicLetters.Lam && lex.Analysis.Article))
                && (!lex.Analysis.Conj || lastArticle) && (lex.Analysis.Article || included == 0 || lex.Payload.Kind == MatchKind.Demonym))
            {
                Topic(sig, lex, ref country);
                j = lex.End;
                listedEnd = j;
                included++;
                lastArticle = true;
                lastParticiple = false;
                continue;
            }
            if (Has(j, WordClass.OrgStop) && tj.Best.Article) break;
            var a = tj.Best;
            // A definite word takes no possessive ending: «التزامها» is التزام+ها, not ال+تزام.
            if (a.Article && (tj.Folded.EndsWith("ها", StringComparison.Ordinal) || tj.Folded.EndsWith("هم", StringComparison.Ordinal)
                || tj.Folded.EndsWith("هما", StringComparison.Ordinal) || tj.Folded.EndsWith("كم", StringComparison.Ordinal))) break;
            // و + an indefinite noun in construct with a definite one continues the name (والوقاية ومحاربة الرشوة)
            if (a.Conj && !a.Article && a.Prep == '\0' && lastArticle && tj.Bare == WordClass.None && SameSentence(i, j + 1)
                && _t[j + 1].Best.Article && _t[j + 1].Best.Prep == '\0' && !_t[j + 1].Best.Conj && !Has(j + 1, WordClass.OrgStop))
            {
                sig.Append('|').Append(Bare(j)).Append('|').Append(Bare(j + 1));
                included += 2;
                j += 2;
                continue;
            }
            // و + another head word starts a second name (البرلمان الفرنسي | والحكومة اليمنية)
            if (a.Conj && Has(j, WordClass.OrgTrigger | WordClass.StateBody)) break;
            if (a.Article && a.Prep == '\0' && (!a.Conj || lastArticle))
            {
                sig.Append('|').Append(Bare(j));
                lastParticiple = Bare(j) is [ArabicLetters.Meem, ..];
                lastArticle = true;
                included++;
                j++;
                continue;
            }
            if (a.Article && !a.Conj && (a.Prep == ArabicLetters.Lam || (a.Prep == ArabicLetters.Beh && lastParticiple)))
            {
                sig.Append('|').Append(Bare(j));
                lastArticle = true;
                lastParticiple = false;
                included++;
                j++;
                continue;
            }
            // One indefinite construct noun right after the trigger (منظمة حقوق الإنسان، مجلس وزراء الداخلية).
            if (included == 0 && !trigArticle && a.Offset == 0 && !a.Article && (tj.Bare & (WordClass.Given | WordClass.Title | WordClass.OrgTrigger)) == 0
                && SameSentence(i, j + 1) && _t[j + 1].Best.Article && _t[j + 1].Best.Prep == '\0' && !_t[j + 1].Best.Conj)
            {
                sig.Append('|').Append(Bare(j));
                included++;
                j++;
                continue;
            }
            break;
        }
        // «وزارة الداخلية» alone is a description (whose ministry?), not a name: a rule-made organisation needs
        // two words after its trigger, or a place, demonym or known name among them.
        bool named = sig.ToString().Contains('@');
        if (included == 0 || (included < 2 && !named)) return -1;
        // «القوات الأميركية»، «الوفد الفلبيني»: a definite trigger and a demonym describe, they do not name (a state
        // body and its country's adjective are taken before this rule, by TryStateBody).
        if (trigArticle && included == 1 && j == i + 2 && _lexAt[i + 1].Payload.Kind == MatchKind.Demonym) return -1;
        // A trailing و-joined word belongs to the sentence, not the name, when nothing follows it in the name.
        signature = sig.ToString();
        var trig = Bare(i);
        if (trig is "كتائب" or "ميليشيا" or "ميليشيات" or "جماعه" or "تنظيم" or "فيلق" or "كتيبه") subtype = "group";
        return j;
    }

    /// <summary>
    /// صحيفة «الراية»، وكالة "أسوشيتد برس"، فريق شيفلد يونايتد، نادي الزمالك: the name after an introducing
    /// word, in quotes (up to five words) or as one to three unknown words; a club or team may also be
    /// one definite word. The mention is the name without the introducing word.
    /// </summary>
    private int TryIntroducedName(int i, out int nameStart)
    {
        nameStart = i + 1;
        int j = i + 1;
        if (!SameSentence(i, j)) return -1;
        if (_t[j].Punct is '«' or '"' or '\'' or '“')
        {
            int k = j + 1;
            while (SameSentence(i, k) && k - j <= 5 && _t[k].Word) k++;
            if (k > j + 1 && SameSentence(i, k) && _t[k].Punct is '»' or '"' or '\'' or '”')
            {
                nameStart = j + 1;
                return k;
            }
            return -1;
        }
        var trig = Bare(i);
        bool club = trig is "نادي" or "فريق" or "منتخب";
        if (club && _t[j].Arabic && _t[j].Best.Article && _t[j].Best.Prep == '\0' && !_t[j].Best.Conj && _t[j].Bare == WordClass.None
            && _lexAt[j].End == 0 && !IsStop(j))
            return j + 1;
        int end = j;
        while (SameSentence(i, end) && end - j < 3)
        {
            ref var t = ref _t[end];
            bool latin = t.Word && !t.Arabic;
            bool unknown = t.Arabic && t.Best.Offset == 0 && t.Bare == WordClass.None && t.Full == WordClass.None && _lexAt[end].End == 0
                && !LooksLikeCommonWord(t.Folded) && t.Folded[0] != ArabicLetters.Yeh && t.Folded[^1] != ArabicLetters.Heh;
            if (!(latin || unknown)) break;
            end++;
        }
        return end > j ? end : -1;
    }

    /// <summary>
    /// «الحكومة البريطانية»، «السفارة الأمريكية»، «الجيش الإسرائيلي»: a definite state body and its country's adjective
    /// name an organisation. The adjective must agree with the body: in «وزير الخارجية الكويتي» the masculine
    /// adjective is the minister's. Returns the end of the name, or -1.
    /// </summary>
    private int TryStateBody(int i, out string signature, out string? country)
    {
        signature = "";
        country = null;
        var a = _t[i].Best;
        if (!_t[i].Arabic || !a.Article || a.Prep != '\0' || !SameSentence(i, i + 1)) return -1;
        var lx = _lexAt[i + 1];
        // the adjective is definite like the body (the list may hold it with its article: الألماني)
        bool definite = lx.Analysis.Article || (lx.Analysis.Offset == 0 && _t[i + 1].Folded.StartsWith("ال", StringComparison.Ordinal));
        if (lx.End != i + 2 || lx.Payload.Kind != MatchKind.Demonym || !definite || lx.Analysis.Conj || lx.Analysis.Prep != '\0'
            || EndsFeminine(i) != EndsFeminine(i + 1)) return -1;
        var sig = new StringBuilder().Append(Bare(i));
        Topic(sig, lx, ref country);
        signature = sig.ToString();
        return i + 2;
    }

    /// <summary>The word ends in ة (folded to ه): a feminine noun or adjective.</summary>
    private bool EndsFeminine(int i) => _t[i].Folded is [.., ArabicLetters.Heh];

    private void Topic(StringBuilder sig, LexMatch lx, ref string? country)
    {
        var target = _lex.Targets[lx.Payload.Target];
        sig.Append("|@").Append(target.Key);
        if (country is null && target.Type == EntityTypes.Location && target.Subtype == "country") country = target.Country;
    }
}
