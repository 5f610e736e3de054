using System.Runtime.CompilerServices;
using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

/// <summary>
/// Finds the entity mentions of one document and merges them into entities. Works on the text stage's
/// tokens: every word is folded once, its clitic analyses (و ف, ب ل ك, ال, لل) are tried against the
/// frozen trie and word classes, and the rules (organisation phrases, titles, name shapes,
/// appositions) read those per-token facts; no regex runs per token.
/// </summary>
internal sealed class EntityExtractor
{
    /// <summary>One way to read a word's proclitics: the stem starts at <see cref="Offset"/> of the folded word.</summary>
    private readonly record struct Analysis(int Offset, bool Article, char Prep, bool Conj);

    private struct Tok
    {
        public string Folded;
        public int Sentence;
        public bool Arabic;
        public bool Word;
        public char Punct;
        public int FullId;
        public int MiscFullId;
        public WordClass Full;
        /// <summary>Bit a is set when reading a (of <see cref="Analyses"/>) starts a name of the trie / the misc trie.</summary>
        public ushort TrieMask;
        public ushort MiscMask;
        public WordClass Bare;
        public Analysis Best;
    }

    private sealed class Raw
    {
        public int T0;
        public int T1;
        public int Start;
        public int End;
        public required string Type;
        public required string Subtype;
        public int Target = -1;
        public MentionKind Kind;
        public required string Group;
        public string? Country;
        /// <summary>For persons: found by a title, a speech verb, an apposition or a sure given name (its surname may then stand alone).</summary>
        public bool Confident = true;
    }

    private readonly record struct LexMatch(int End, TriePayload Payload, Analysis Analysis, bool AlsoDemonym = false);

    private const int MaxAnalyses = 12;

    // Measured on development data: a registry given name + any unknown word as a person costs more
    // precision than it gains recall; kept switchable for experiments.
    private const bool RelaxedForeignSurnames = false;

    private readonly EntityLexicon _lex;
    private readonly AnalyzedDocument _doc;
    private readonly string _text;
    private readonly Tok[] _t;
    private readonly LexMatch[] _lexAt;
    private readonly List<Raw> _raw = [];
    private readonly int[] _covered;

    public EntityExtractor(EntityLexicon lexicon, AnalyzedDocument document)
    {
        _lex = lexicon;
        _doc = document;
        _text = document.Text;
        int n = document.Tokens.Count;
        _t = new Tok[n];
        _lexAt = new LexMatch[n];
        _covered = new int[n];
        Array.Fill(_covered, -1);
    }

    public void Run()
    {
        Prepare();
        int n = _t.Length;
        for (int i = 0; i < n; i++) _lexAt[i] = BestLexicon(i);
        int pos = 0;
        while (pos < n)
        {
            int next = Step(pos);
            pos = next > pos ? next : pos + 1;
        }
        Appositions();
        ShortForms();
        Parentheses();
        Emit();
    }

    // ---------------------------------------------------------------- tokens

    private void Prepare()
    {
        var tokens = _doc.Tokens;
        Span<Analysis> buf = stackalloc Analysis[MaxAnalyses];
        for (int i = 0; i < tokens.Count; i++)
        {
            var w = tokens[i];
            ref var t = ref _t[i];
            t.Folded = w.Norm.Contains(ArabicLetters.TehMarbuta) ? w.Norm.Replace(ArabicLetters.TehMarbuta, ArabicLetters.Heh) : w.Norm;
            t.Sentence = w.Sentence;
            t.Arabic = w.Kind == TokenKind.ArabicWord;
            t.Word = w.IsWord;
            t.Punct = w.Kind == TokenKind.Punctuation ? _text[w.Start] : '\0';
            // One lookup answers the class and both trie ids of the whole word (reading 0 below).
            var full = _lex.Lookup(t.Folded);
            t.FullId = full.TrieId;
            t.MiscFullId = full.MiscId;
            t.Full = full.Class;
            // وفي، فلا: a function word behind و/ف is still a function word
            if (t.Folded.Length > 2 && t.Folded[0] is ArabicLetters.Waw or ArabicLetters.Feh)
                t.Full |= _lex.Lookup(t.Folded.AsSpan(1)).Class & WordClass.Stop;
            // Matching folds ى into ي, so the preposition على looks like the name علي: the original tells them apart.
            if (t.Folded.EndsWith("علي", StringComparison.Ordinal) && t.Folded.Length <= 4 && _text[w.End - 1] == ArabicLetters.AlefMaksura)
                t.Full |= WordClass.Stop;
            t.Best = new Analysis(0, false, '\0', false);
            if (!t.Arabic)
            {
                t.TrieMask = (ushort)(full.StartsName ? 1 : 0);
                continue;
            }
            int count = Analyses(t.Folded, buf);
            bool found = false;
            // Every reading is looked up once here; the trie passes (BestLexicon, OtherNames) then only
            // revisit the readings that start a name, which most words have none of.
            for (int a = 0; a < count; a++)
            {
                var info = a == 0 ? full : _lex.Lookup(t.Folded.AsSpan(buf[a].Offset)); // reading 0 is the whole word
                if (info.StartsName) t.TrieMask |= (ushort)(1 << a);
                if (info.StartsMisc) t.MiscMask |= (ushort)(1 << a);
                if (!found && info.Class != WordClass.None) { t.Bare = info.Class; t.Best = buf[a]; found = true; }
            }
            if (!found)
            {
                // No class: take the reading with the article when there is one (والمغرب → مغرب).
                for (int a = 0; a < count; a++)
                    if (buf[a].Article) { t.Best = buf[a]; found = true; break; }
                // otherwise a leading و/ف is the conjunction (ومحاربة)
                if (!found && t.Folded.Length >= 4 && t.Folded[0] is ArabicLetters.Waw or ArabicLetters.Feh)
                    t.Best = new Analysis(1, false, '\0', true);
            }
        }
    }

    /// <summary>The readings of a folded word's proclitics, fewest letters stripped first.</summary>
    private static int Analyses(string w, Span<Analysis> output)
    {
        int n = 0;
        output[n++] = new Analysis(0, false, '\0', false);
        for (int c0 = 0; c0 <= 1; c0++)
        {
            if (c0 == 1 && !(w.Length >= 4 && w[0] is ArabicLetters.Waw or ArabicLetters.Feh)) break;
            for (int c1 = 0; c1 <= 1; c1++)
            {
                int p = c0;
                char prep = '\0';
                if (c1 == 1)
                {
                    if (!(w.Length - p >= 4 && w[p] is ArabicLetters.Beh or ArabicLetters.Lam or ArabicLetters.Kaf)) continue;
                    prep = w[p];
                    p++;
                }
                var rest = w.AsSpan(p);
                if (rest.Length >= 4 && rest[0] == ArabicLetters.Alef && rest[1] == ArabicLetters.Lam)
                    Add(output, ref n, new Analysis(p + 2, true, prep, c0 == 1));
                else if (prep == ArabicLetters.Lam && rest.Length >= 3 && rest[0] == ArabicLetters.Lam)
                    Add(output, ref n, new Analysis(p + 1, true, prep, c0 == 1)); // لل: ل + ال with the alef dropped
                if (p > 0 && rest.Length >= 2) Add(output, ref n, new Analysis(p, false, prep, c0 == 1));
            }
        }
        return n;

        static void Add(Span<Analysis> o, ref int n, Analysis a)
        {
            if (n < o.Length) o[n++] = a;
        }
    }

    private bool SameSentence(int i, int j) => j < _t.Length && _t[j].Sentence == _t[i].Sentence;

    private ReadOnlySpan<char> Bare(int i) => _t[i].Folded.AsSpan(_t[i].Best.Offset);

    private bool Has(int i, WordClass c) => i >= 0 && i < _t.Length && (_t[i].Bare & c) != 0;

    private bool IsStop(int i) => (_t[i].Full & WordClass.Stop) != 0;

    /// <summary>Offset in the document of the <paramref name="k"/>-th letter of token <paramref name="i"/>'s folded form.</summary>
    private int CharAt(int i, int k)
    {
        var w = _doc.Tokens[i];
        if (k <= 0) return w.Start;
        int seen = 0;
        for (int p = w.Start; p < w.End; p++)
        {
            char c = _text[p];
            if (ArabicLetters.IsDiacritic(c) || c == ArabicLetters.Tatweel || ArabicLetters.IsFormatMark(c)) continue;
            if (seen == k) return p;
            seen++;
        }
        return w.End;
    }

    // ---------------------------------------------------------------- lexicon

    /// <summary>The longest trie match starting at token <paramref name="i"/> (End is 0 when none).</summary>
    private LexMatch BestLexicon(int i)
    {
        ref var t = ref _t[i];
        if (!t.Word || t.TrieMask == 0) return default;
        Span<Analysis> buf = stackalloc Analysis[MaxAnalyses];
        int count = t.Arabic ? Analyses(t.Folded, buf) : 1;
        if (!t.Arabic) buf[0] = new Analysis(0, false, '\0', false);
        var trie = _lex.Trie;
        LexMatch best = default;
        int bestRank = int.MaxValue;
        for (int a = 0; a < count; a++)
        {
            if ((t.TrieMask & (1 << a)) == 0) continue;
            var an = buf[a];
            int node = trie.Next(TokenTrie.Root, trie.WordId(t.Folded.AsSpan(an.Offset)));
            int j = i;
            while (node >= 0)
            {
                foreach (var p in trie.Payloads(node))
                {
                    if (p.Article == ArticleRule.Required && !an.Article) continue;
                    if (p.Article == ArticleRule.Forbidden && an.Article) continue;
                    if (p.Kind == MatchKind.WeakName && !(i > 0 && Has(i - 1, WordClass.PlaceWord))) continue;
                    int rank = _lex.Targets[p.Target].Rank + (p.Kind == MatchKind.Demonym ? 10 : 0);
                    int len = j + 1;
                    if (len > best.End || (len == best.End && rank < bestRank))
                    {
                        best = new LexMatch(len, p, an, best.End == len && best.AlsoDemonym);
                        bestRank = rank;
                    }
                    if (len == best.End && p.Kind == MatchKind.Demonym && p.Target == best.Payload.Target && !best.AlsoDemonym)
                        best = best with { AlsoDemonym = true };
                }
                j++;
                if (!SameSentence(i, j)) break;
                node = trie.Next(node, _t[j].FullId);
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- main pass

    private int Step(int i)
    {
        if (!_t[i].Word) return i + 1;
        var lex = _lexAt[i];
        string sig = "", subtype = "organisation";
        string? country = null;
        int orgEnd = Has(i, WordClass.OrgTrigger) ? TryOrganisation(i, out sig, out country, out subtype) : -1;
        // The rule beats a listed name that starts here only when it adds a place or another name after it
        // («مجلس الأمن القومي الأمريكي»), not when it just runs on («جامعة الدول العربية | الهجوم»).
        if (orgEnd > 0 && lex.End > 0 && orgEnd > lex.End)
        {
            bool adds = false;
            for (int k = lex.End; k < orgEnd && !adds; k++) adds = _lexAt[k].End > 0;
            if (!adds) orgEnd = -1;
        }
        if (orgEnd > 0 && orgEnd > lex.End)
        {
            AddRaw(i, orgEnd, _t[i].Best.Offset, EntityTypes.Organisation, subtype, -1, MentionKind.Name, "S:" + sig, country);
            return orgEnd;
        }
        if (lex.End == 0 && Has(i, WordClass.OrgIntro))
        {
            int end = TryIntroducedName(i, out int nameStart);
            if (end > 0)
            {
                var sb = new StringBuilder();
                for (int k = nameStart; k < end; k++) sb.Append(Bare(k)).Append('|');
                AddRaw(nameStart, end, _t[nameStart].Best.Offset, EntityTypes.Organisation, "organisation", -1, MentionKind.Name, "S:" + sb, null);
                return end;
            }
        }
        if (lex.End > 0)
        {
            var target = _lex.Targets[lex.Payload.Target];
            var kind = lex.Payload.Kind == MatchKind.Demonym ? MentionKind.Demonym : MentionKind.Name;
            // السعودية after a definite noun is the adjective (الحكومة السعودية), not the country's name.
            if (kind == MentionKind.Name && lex.AlsoDemonym && lex.End == i + 1 && lex.Analysis.Article && lex.Analysis.Prep == '\0'
                && i > 0 && SameSentence(i - 1, i) && _t[i - 1].Arabic && _t[i - 1].Best.Article && !IsStop(i - 1) && _lexAt[i - 1].End == 0)
                kind = MentionKind.Demonym;
            AddRaw(i, lex.End, lex.Analysis.Offset, target.Type, target.Subtype, lex.Payload.Target, kind, "K:" + target.Key, target.Country);
            // A demonym used as a noun names a person next: «والفرنسي ليليان تورام»، «البرازيلي إيمرسون».
            if (kind == MentionKind.Demonym && lex.Analysis.Article && lex.Analysis.Prep == '\0' && SameSentence(i, lex.End)
                && (i == 0 || !SameSentence(i - 1, i) || !_t[i - 1].Best.Article || !_t[i - 1].Arabic) && IsNameStart(lex.End, true))
            {
                int end = NameEnd(lex.End);
                AddPerson(lex.End, end);
                return end;
            }
            return lex.End;
        }
        if (Has(i, WordClass.Title))
        {
            int end = TryTitle(i, out int nameStart);
            if (end > 0)
            {
                // names inside the role (أمين عام الأمم المتحدة، وزير خارجية المغرب) are mentions too
                for (int k = i + 1; k < nameStart;)
                {
                    var lx = _lexAt[k];
                    if (lx.End > 0 && lx.End <= nameStart)
                    {
                        var target = _lex.Targets[lx.Payload.Target];
                        AddRaw(k, lx.End, lx.Analysis.Offset, target.Type, target.Subtype, lx.Payload.Target,
                            lx.Payload.Kind == MatchKind.Demonym ? MentionKind.Demonym : MentionKind.Name, "K:" + target.Key, target.Country);
                        k = lx.End;
                    }
                    else k++;
                }
                AddPerson(nameStart, end);
                return end;
            }
        }
        if (Has(i, WordClass.SpeechVerb) && !_t[i].Best.Article && _t[i].Best.Prep == '\0' && SameSentence(i, i + 1) && IsNameStart(i + 1, true))
        {
            int end = NameEnd(i + 1);
            if (end > i + 1 && FollowsSpeech(end))
            {
                AddPerson(i + 1, end);
                return end;
            }
        }
        if (Has(i, WordClass.PlaceWord) && !_t[i].Best.Article)
        {
            if (TryPlaceWord(i)) return i + 2;
        }
        if (Has(i, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle))
        {
            int end = TryNameShape(i);
            if (end > 0)
            {
                AddPerson(i, end);
                _raw[^1].Confident = Has(i, WordClass.Given) && !Has(i, WordClass.NotName);
                return end;
            }
        }
        return i + 1;
    }

    private void AddRaw(int t0, int t1, int firstOffset, string type, string subtype, int target, MentionKind kind, string group, string? country)
    {
        if (t1 <= t0) return;
        // Mentions leave out و ف ب ل ك but keep the article, which belongs to the name (المغرب، الشقوري);
        // after لل only the stem remains.
        var f = _t[t0].Folded;
        if (firstOffset >= 2 && f[firstOffset - 2] == ArabicLetters.Alef && f[firstOffset - 1] == ArabicLetters.Lam) firstOffset -= 2;
        var raw = new Raw
        {
            T0 = t0,
            T1 = t1,
            Start = CharAt(t0, firstOffset),
            End = _doc.Tokens[t1 - 1].End,
            Type = type,
            Subtype = subtype,
            Target = target,
            Kind = kind,
            Group = group,
            Country = country,
        };
        for (int k = t0; k < t1; k++) _covered[k] = _raw.Count;
        _raw.Add(raw);
    }

    private void AddPerson(int t0, int t1)
    {
        var sb = new StringBuilder();
        for (int k = t0; k < t1; k++)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(k == t0 ? Bare(k) : _t[k].Folded.AsSpan());
        }
        AddRaw(t0, t1, _t[t0].Best.Offset, EntityTypes.Person, "person", -1, MentionKind.Name, "P:" + sb, null);
    }

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
            if ((tj.Full & WordClass.Stop) != 0) break;
            if (lex.End > 0 && (lex.Analysis.Prep == '\0' || (lex.Analysis.Prep == ArabicLetters.Lam && lex.Analysis.Article))
                && (!lex.Analysis.Conj || lastArticle) && (lex.Analysis.Article || included == 0 || lex.Payload.Kind == MatchKind.Demonym))
            {
                Topic(sig, lex, ref country);
                j = lex.End;
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
        // «الجيش الإسرائيلي»، «القوات الأميركية»: a definite trigger and a demonym describe, they do not name.
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

    private void Topic(StringBuilder sig, LexMatch lx, ref string? country)
    {
        var target = _lex.Targets[lx.Payload.Target];
        sig.Append("|@").Append(target.Key);
        if (country is null && target.Type == EntityTypes.Location && target.Subtype == "country") country = target.Country;
    }

    // ---------------------------------------------------------------- persons

    /// <summary>A title or role (الرئيس، وزير الخارجية المغربي، المتحدث باسم …) followed by a name.</summary>
    private int TryTitle(int i, out int nameStart)
    {
        nameStart = -1;
        bool strong = Has(i, WordClass.StrongTitle);
        // A title without the article is in construct (وزير الخارجية، رئيس وزراء …): its complement comes first.
        bool construct = !_t[i].Best.Article;
        int j = i + 1, comp = 0;
        while (SameSentence(i, j) && comp < 5)
        {
            if ((comp > 0 || !construct || Has(j, WordClass.Given)) && IsNameStart(j, strong || comp > 0 || !construct)) break;
            ref var tj = ref _t[j];
            if (!tj.Arabic || IsStop(j) && !Bare(j).SequenceEqual("باسم")) break;
            var lex = _lexAt[j];
            if (lex.End > 0) { j = lex.End; comp++; continue; }
            if (tj.Best.Article && tj.Best.Prep is '\0' or ArabicLetters.Lam && !tj.Best.Conj) { j++; comp++; continue; }
            if (Bare(j).SequenceEqual("باسم")) { j++; comp++; continue; }
            if (comp == 0 && !tj.Best.Article && tj.Best.Offset == 0 && SameSentence(i, j + 1) && (_t[j + 1].Best.Article || _lexAt[j + 1].End > 0))
            {
                j++;
                comp++;
                continue;
            }
            break;
        }
        if (!SameSentence(i, j) || !IsNameStart(j, strong || comp > 0 || !construct)) return -1;
        nameStart = j;
        return NameEnd(j);
    }

    private bool IsNameStart(int j, bool strongContext)
    {
        if (j >= _t.Length) return false;
        ref var t = ref _t[j];
        if (!t.Arabic || IsStop(j) || _lexAt[j].End > 0) return false;
        if (t.Best.Article || t.Best.Conj) return false;
        if ((t.Bare & WordClass.Given) != 0 && (t.Bare & WordClass.Title) == 0) return true;
        // The registry list holds many common words: those ending in ة (ولادة) are nouns far more often than names.
        if ((t.Bare & WordClass.RegistryGiven) != 0 && (t.Bare & WordClass.Title) == 0) return t.Folded[^1] != ArabicLetters.Heh;
        if ((t.Bare & WordClass.Particle) != 0) return SameSentence(j, j + 1) && _t[j + 1].Arabic;
        if (!strongContext || t.Best.Offset != 0 || t.Bare != WordClass.None) return false;
        var w = t.Folded;
        return w.Length >= 3 && w[^1] != ArabicLetters.Heh && w[0] != ArabicLetters.Yeh && !w.EndsWith("يا", StringComparison.Ordinal)
            && !LooksLikeCommonWord(w);
    }

    /// <summary>
    /// Shapes of Arabic common nouns that an unknown-word rule must not take for a name: verbal nouns
    /// افتعال/انفعال (اقتراح، انتخاب), استفعال (استقبال), تفعيل (تنفيذ), plurals in ات, and a preposition
    /// ب/ل glued to a word of four letters or more (لإطلاق، بالتوازي).
    /// </summary>
    private static bool LooksLikeCommonWord(string w)
    {
        int n = w.Length;
        if (n == 6 && w[0] == ArabicLetters.Alef && w[4] == ArabicLetters.Alef) return true;
        if (n == 7 && w.StartsWith("است", StringComparison.Ordinal) && w[5] == ArabicLetters.Alef) return true;
        if (n == 5 && w[0] == ArabicLetters.Teh && w[3] == ArabicLetters.Yeh) return true;
        if (n >= 5 && w.EndsWith("ات", StringComparison.Ordinal)) return true;
        if (n >= 5 && w[0] is ArabicLetters.Beh or ArabicLetters.Lam && w[1] == ArabicLetters.Alef) return true;
        return false;
    }

    /// <summary>Where a name that starts at <paramref name="j"/> ends: given names, بن/أبو/عبد chains, nisba and regnal ordinals, unknown surnames.</summary>
    private int NameEnd(int j)
    {
        int k = j + 1;
        bool needNext = Has(j, WordClass.Particle);
        while (SameSentence(j, k) && k - j < 7)
        {
            ref var t = ref _t[k];
            if (!t.Arabic || IsStop(k) || t.Best.Conj || (t.Best.Prep != '\0' && !needNext)) break;
            var lex = _lexAt[k];
            // a particle's word may itself be a particle: أبو عبد الله، محمد بن عبد الله
            if (needNext) { needNext = Has(k, WordClass.Particle) && !_t[k].Best.Article; k++; continue; }
            if (t.Best.Article)
            {
                var bare = Bare(k);
                bool nisba = bare.Length >= 3 && bare[^1] == ArabicLetters.Yeh && lex.End == 0 && !Has(k, WordClass.OrgStop | WordClass.Stop);
                if ((t.Full & WordClass.NameSuffix) != 0 || Has(k, WordClass.Ordinal) || nisba
                    || (Has(k, WordClass.Given | WordClass.RegistryGiven) && !Has(k, WordClass.NotName) && lex.End == 0))
                {
                    k++;
                    continue;
                }
                // One definite surname right after a given name (توفيق الحكيم، بشار الأسد), unless the word is a
                // known name, a role, a place word or a word that ends names (الماضي، الجديد).
                if (k == j + 1 && Has(j, WordClass.Given) && !Has(j, WordClass.NotName) && lex.End == 0
                    && !Has(k, WordClass.Title | WordClass.OrgTrigger | WordClass.PlaceWord | WordClass.OrgStop | WordClass.Concern | WordClass.Stop))
                {
                    k++;
                    break;
                }
                break;
            }
            if (lex.End > 0 || Has(k, WordClass.Title | WordClass.OrgTrigger | WordClass.PlaceWord | WordClass.Stop | WordClass.OrgStop)) break;
            // ولد between two names is the Mauritanian «son of» (محمد ولد الشيخ)
            if (Has(k, WordClass.Particle) || (Bare(k).SequenceEqual("ولد") && SameSentence(k, k + 1) && _t[k + 1].Arabic && !IsStop(k + 1)))
            {
                needNext = true;
                k++;
                continue;
            }
            bool afterGiven = Has(k - 1, WordClass.Given) && !_t[k - 1].Best.Article;
            if (Has(k - 1, WordClass.Ordinal)) break; // محمد السادس | أهمية
            if (!Has(k, WordClass.Given | WordClass.RegistryGiven)
                && (t.Folded[0] == ArabicLetters.Yeh || (!afterGiven && (LooksLikeCommonWord(t.Folded) || t.Folded[^1] == ArabicLetters.Heh)) || k - j >= 3)) break;
            k++;
        }
        if (needNext) k--;
        return Math.Max(k, j + 1);
    }

    /// <summary>After «قال X»: what follows a speaker's name (إن، أن، a comma, a colon, a quote, or a time/place word).</summary>
    private bool FollowsSpeech(int k)
    {
        if (k >= _t.Length) return true;
        if (_t[k].Punct is ',' or '،' or ':' or '"' or '«' or '\'' or '.') return true;
        var w = _t[k].Folded;
        return w is "ان" or "انه" or "انها" or "بان" or "لـ" or "في" or "امس" or "اليوم" or "خلال" or "ل" || Has(k, WordClass.Title);
    }

    /// <summary>A person found by the shape of the name alone (a given name and more name words).</summary>
    private int TryNameShape(int i)
    {
        ref var t = ref _t[i];
        if (!t.Arabic || t.Best.Article || IsStop(i)) return -1;
        // و before a name is common in lists (ويوسف حمدي وأحمد حسام): allowed for the sure given names only.
        if (t.Best.Conj && !Has(i, WordClass.Given)) return -1;
        if (!t.Best.Conj && !IsNameStart(i, false)) return -1;
        if (i > 0 && _t[i - 1].Arabic && (Has(i - 1, WordClass.OrgTrigger))) return -1;
        int end = NameEnd(i);
        bool strong = Has(i, WordClass.Given) && !Has(i, WordClass.NotName);
        if (t.Best.Conj && !strong && end - i < 2) return -1;
        // علي is also how many writers spell the preposition على: alone it is not taken for the name.
        if (Bare(i).SequenceEqual("علي") && (end - i < 2 || !(Has(i + 1, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle)
            || (_t[i + 1].Best.Article && Bare(i + 1) is [.., ArabicLetters.Yeh])))) return -1;
        if (end - i == 1) return strong && t.Best.Prep == '\0' ? end : -1;
        if (strong || Has(i, WordClass.Particle)) return end;
        // a weak first name needs a second word that is itself name-like, or an unknown word that looks like
        // a foreign surname (ألبرت أينشتاين)
        int k = i + 1;
        if (RelaxedForeignSurnames && !Has(i, WordClass.NotName) && _t[k].Arabic && !_t[k].Best.Article && _t[k].Bare == WordClass.None && _t[k].Full == WordClass.None
            && _t[k].Best.Offset == 0 && _lexAt[k].End == 0 && _t[k].Folded[^1] != ArabicLetters.Heh && !LooksLikeCommonWord(_t[k].Folded))
            return end;
        if (Has(k, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle | WordClass.Ordinal) && !Has(k, WordClass.NotName)) return end;
        if (_t[k].Best.Article && Bare(k) is [.., ArabicLetters.Yeh]) return end;
        return -1;
    }

    // ---------------------------------------------------------------- places after place words

    /// <summary>مدينة/محافظة/ولاية … followed by an unknown proper name: a place without a key.</summary>
    private bool TryPlaceWord(int i)
    {
        int j = i + 1;
        if (!SameSentence(i, j) || !_t[j].Arabic || IsStop(j) || _t[j].Best.Conj || _t[j].Best.Prep != '\0') return false;
        if (_lexAt[j].End > 0 || (_t[j].Bare & ~WordClass.RegistryGiven) != 0) return false;
        var w = _t[j].Folded;
        if (w[^1] is ArabicLetters.Heh or ArabicLetters.Yeh || LooksLikeCommonWord(w)) return false;
        var word = Bare(i);
        string subtype = word is "محافظه" or "ولايه" or "اقليم" or "جهه" ? "admin1" : word is "مدينه" or "بلده" or "قريه" or "مخيم" or "عاصمه" ? "city" : "other";
        if (subtype == "other") return false;
        AddRaw(j, j + 1, _t[j].Best.Offset, EntityTypes.Location, subtype, -1, MentionKind.Name, "L:" + Bare(j).ToString(), null);
        return true;
    }

    // ---------------------------------------------------------------- post passes

    /// <summary>«إسماعيل الشقوري، مدير …»: a name before a comma and a role word.</summary>
    private void Appositions()
    {
        for (int c = 1; c + 1 < _t.Length; c++)
        {
            if (_t[c].Punct is not (',' or '،') || !Has(c + 1, WordClass.Title) || _t[c + 1].Best.Article) continue;
            if (_covered[c - 1] >= 0) continue;
            int best = -1;
            for (int s = c - 1; s >= 0 && c - s <= 4 && SameSentence(c - 1, s) && _covered[s] < 0; s--)
            {
                if (!_t[s].Arabic || IsStop(s)) break;
                if (Has(s, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle) && !_t[s].Best.Article && NameEnd(s) >= c) best = s;
            }
            if (best >= 0 && c - best >= 2) AddPerson(best, c);
        }
    }

    /// <summary>A surname, or the last word of a person named in full earlier, is a mention of that person.</summary>
    private void ShortForms()
    {
        var surnames = new Dictionary<string, Raw>(StringComparer.Ordinal);
        foreach (var r in _raw.ToArray())
        {
            if (r.Type != EntityTypes.Person || r.T1 - r.T0 < 2 || !r.Confident) continue;
            int last = r.T1 - 1;
            if (Has(last, WordClass.Ordinal | WordClass.Particle | WordClass.NotName | WordClass.OrgStop | WordClass.Stop | WordClass.Title)
                || (_t[last].Full & (WordClass.NameSuffix | WordClass.Stop)) != 0 || Bare(last).Length < 3 || _lexAt[last].End > 0) continue;
            surnames.TryAdd(_t[last].Folded.AsSpan(_t[last].Best.Offset).ToString() + (_t[last].Best.Article ? "+" : ""), r);
        }
        if (surnames.Count == 0) return;
        var lookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buf = stackalloc char[NameFolding.MaxWord + 1];
        for (int i = 0; i < _t.Length; i++)
        {
            if (_covered[i] >= 0 || !_t[i].Arabic || IsStop(i)) continue;
            var bare = Bare(i);
            if (bare.Length > NameFolding.MaxWord) continue;
            bare.CopyTo(buf);
            int n = bare.Length;
            if (_t[i].Best.Article) buf[n++] = '+';
            if (!lookup.TryGetValue(buf[..n], out var person) || person.T0 > i) continue;
            AddRaw(i, i + 1, _t[i].Best.Offset, EntityTypes.Person, "person", -1, MentionKind.ShortForm, person.Group, null);
        }
    }

    private readonly Dictionary<string, string> _union = new(StringComparer.Ordinal);

    private string Find(string g)
    {
        while (_union.TryGetValue(g, out var p) && p != g) g = p;
        return g;
    }

    /// <summary>«NAME (ALIAS)»: the alias is the same entity; an unknown alias of an organisation or person becomes a mention.</summary>
    private void Parentheses()
    {
        var byStart = new Dictionary<int, Raw>();
        foreach (var r in _raw) byStart.TryAdd(r.T0, r);
        foreach (var r in _raw.ToArray())
        {
            if (r.Kind == MentionKind.Demonym) continue;
            int open = r.T1;
            if (open >= _t.Length || _t[open].Punct != '(') continue;
            int close = open + 1;
            while (close < _t.Length && close - open <= 8 && _t[close].Punct is not (')' or '(')) close++;
            if (close >= _t.Length || _t[close].Punct != ')' || close == open + 1) continue;
            if (byStart.TryGetValue(open + 1, out var inner) && inner.T1 == close)
            {
                if (inner.Type == r.Type && inner.Kind != MentionKind.Demonym)
                {
                    var a = Find(r.Group);
                    var b = Find(inner.Group);
                    if (a != b) _union[b] = a;
                }
                continue;
            }
            if (r.Type == EntityTypes.Location || close - open > 4) continue;
            bool free = true;
            for (int k = open + 1; k < close; k++) free &= _covered[k] < 0 && _t[k].Word;
            if (!free) continue;
            AddRaw(open + 1, close, 0, r.Type, r.Subtype, r.Target, MentionKind.Alias, r.Group, r.Country);
        }
    }

    // ---------------------------------------------------------------- entities

    private void Emit()
    {
        // Short form after long for rule-made organisations: a signature that begins an earlier one.
        var seen = new List<string>();
        foreach (var r in _raw.OrderBy(r => r.T0))
        {
            if (!r.Group.StartsWith("S:", StringComparison.Ordinal)) continue;
            foreach (var g in seen)
                if (g.Length > r.Group.Length && g.StartsWith(r.Group + "|", StringComparison.Ordinal) && r.Group.Contains('|'))
                {
                    var a = Find(g);
                    var b = Find(r.Group);
                    if (a != b) _union[b] = a;
                    break;
                }
            if (!seen.Contains(r.Group)) seen.Add(r.Group);
        }

        var groups = new Dictionary<string, List<Raw>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in _raw.OrderBy(r => r.Start))
        {
            var g = Find(r.Group);
            if (!groups.TryGetValue(g, out var list))
            {
                groups[g] = list = [];
                order.Add(g);
            }
            list.Add(r);
        }
        var mentions = new List<EntityMention>();
        int id = 0;
        foreach (var g in order)
        {
            var list = groups[g];
            var named = list.FirstOrDefault(r => r.Target >= 0 && r.Kind != MentionKind.Demonym && r.Type != EntityTypes.Person)
                ?? list.FirstOrDefault(r => r.Target >= 0);
            var target = named is null ? null : _lex.Targets[named.Target];
            var main = list.Where(r => r.Kind == MentionKind.Name).DefaultIfEmpty(list[0]).First();
            string type = target?.Type ?? main.Type;
            string name = target?.Name ?? CanonicalText(list);
            var e = new EntityAnnotation
            {
                Id = "e" + (++id),
                Type = type,
                Subtype = target?.Subtype ?? main.Subtype,
                Name = name,
                NameEn = target?.NameEn,
                Key = target?.Key ?? EntityKeys.ForName(type, name),
                Lat = target?.Lat,
                Lon = target?.Lon,
                Country = target?.Country ?? list.Select(r => r.Country).FirstOrDefault(c => c is not null),
            };
            foreach (var r in list)
            {
                e.Mentions.Add(new SpanText(r.Start, r.End, _text[r.Start..r.End]));
                mentions.Add(new EntityMention(e.Id, r.Start, r.End, r.T0, r.T1, r.Kind));
            }
            _doc.Entities.Add(e);
        }
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        _doc.SetItem(new EntityMentionIndex(_t.Length, mentions, OtherNames()));
    }

    /// <summary>Currencies, religions, wars, competitions, prizes on the words no entity took (longest first).</summary>
    private List<OtherName> OtherNames()
    {
        var list = new List<OtherName>();
        var trie = _lex.MiscTrie;
        Span<Analysis> buf = stackalloc Analysis[MaxAnalyses];
        for (int i = 0; i < _t.Length; i++)
        {
            if (_covered[i] >= 0 || !_t[i].Arabic || _t[i].MiscMask == 0) continue;
            int count = Analyses(_t[i].Folded, buf);
            int bestEnd = 0, bestTarget = -1, bestOffset = 0;
            for (int a = 0; a < count; a++)
            {
                if ((_t[i].MiscMask & (1 << a)) == 0) continue;
                int node = trie.Next(TokenTrie.Root, trie.WordId(_t[i].Folded.AsSpan(buf[a].Offset)));
                for (int j = i; node >= 0;)
                {
                    foreach (var p in trie.Payloads(node))
                    {
                        if ((p.Article == ArticleRule.Required && !buf[a].Article) || (p.Article == ArticleRule.Forbidden && buf[a].Article)) continue;
                        if (j + 1 > bestEnd) { bestEnd = j + 1; bestTarget = p.Target; bestOffset = buf[a].Offset; }
                    }
                    j++;
                    if (!SameSentence(i, j) || _covered[j] >= 0) break;
                    node = trie.Next(node, _t[j].MiscFullId); // ids are per trie
                }
            }
            if (bestTarget < 0) continue;
            var f = _t[i].Folded;
            if (bestOffset >= 2 && f[bestOffset - 2] == ArabicLetters.Alef && f[bestOffset - 1] == ArabicLetters.Lam) bestOffset -= 2;
            var (category, code) = _lex.MiscTargets[bestTarget];
            list.Add(new OtherName(CharAt(i, bestOffset), _doc.Tokens[bestEnd - 1].End, i, bestEnd, category, code));
            i = bestEnd - 1;
        }
        return list;
    }

    /// <summary>For entities found by rules: the most frequent name mention, the longer on a tie.</summary>
    private string CanonicalText(List<Raw> list) =>
        list.Where(r => r.Kind is MentionKind.Name or MentionKind.Alias)
            .DefaultIfEmpty(list[0])
            .GroupBy(r => _text[r.Start..r.End])
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length)
            .First().Key;
}
