using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Entities.Tagging;

namespace Marsad.Extraction.Entities;

/// <summary>Tagger and lists together: the model's spans become mentions, keyed by the gazetteer and lexicons where a list knows the name.</summary>
internal sealed partial class EntityExtractor
{
    private readonly List<(int T0, int T1)> _taggedMisc = [];

    /// <summary>
    /// Runs the model over the document and adds each tagged span (PERS, LOC, ORG; MISC as an other name).
    /// A longer organisation or place of the lists and rules (<paramref name="ruleMentions"/>: a listed name
    /// of two words or more, an organisation phrase of the rules, a rule person that goes on past a tagged
    /// person from the same first word) replaces the tagged spans it contains, and
    /// is added where the tagger found nothing: the tagger cuts long names short more often than those
    /// rules run on.
    /// </summary>
    private void TaggedSpans(NerModel model, List<Raw> ruleMentions)
    {
        var tags = new int[_t.Length];
        DocumentTagger.Tag(model, _facts, tags);
        var set = model.Tags;
        var spans = new List<(int T0, int T1, string Type)>();
        for (int i = 0; i < tags.Length;)
        {
            if (tags[i] == 0) { i++; continue; }
            int j = i + 1;
            while (j < tags.Length && set.IsInside(tags[j]) && _t[j].Sentence == _t[i].Sentence) j++;
            // و + a head word inside a span starts a second name (البرلمان الألماني | والحكومة الإيطالية), and so
            // does و + a listed name that ends the span (الهلال الأحمر | والصليب الأحمر), unless a listed name runs
            // across the و (البوسنة والهرسك)
            int from = i;
            for (int k = i + 1; k < j; k++)
                if (_t[k].Best.Conj && (Has(k, WordClass.OrgTrigger | WordClass.StateBody)
                    || (_lexAt[k].End == j && _lexAt[k].Payload.Kind != MatchKind.Demonym && !ListedAcross(from, k))))
                {
                    spans.Add((from, k, set.TypeOf(tags[i])));
                    from = k;
                }
            spans.Add((from, j, set.TypeOf(tags[i])));
            i = j;
        }
        JoinAtParticles(spans);
        ExtendFamilyChains(spans);
        ClubsAfterRoles(spans);
        ClubsBeforePlaces(spans);
        QuotedTitles(spans);
        var keep = new bool[spans.Count];
        Array.Fill(keep, true);
        foreach (var r in ruleMentions)
        {
            if (r.Kind != MentionKind.Name) continue;
            if (r.Type == EntityTypes.Person)
            {
                // A rule person (given name + the name words after it) that extends a tagged person from the
                // same first word: the tagger stopped early (فاطمة الزهراء | الإدريسي). A person a title, a speech
                // verb or an apposition introduces is kept where the tagger found nothing there at all.
                int tagged = spans.FindIndex(x => x.Type == "PERS" && x.T0 == r.T0 && x.T1 < r.T1);
                bool extends = tagged >= 0 && NameWordsOnly(spans[tagged].T1, r.T1);
                if (!extends && !(r.Cued && r.T1 - r.T0 >= 2 && !Overlaps(spans, r.T0, r.T1))) continue;
            }
            else if (r.T1 - r.T0 < 2) continue;
            else if (!r.Group.StartsWith("S:", StringComparison.Ordinal) && !r.Group.StartsWith("K:", StringComparison.Ordinal)) continue;
            bool inside = true;
            for (int s = 0; s < spans.Count && inside; s++)
            {
                var (a, b, _) = spans[s];
                if (b <= r.T0 || a >= r.T1 || !keep[s]) continue;
                inside = a >= r.T0 && b <= r.T1 && b - a < r.T1 - r.T0;
            }
            if (!inside) continue;
            for (int s = 0; s < spans.Count; s++)
                if (spans[s].T1 > r.T0 && spans[s].T0 < r.T1) keep[s] = false;
            AddCopy(r);
        }
        for (int s = 0; s < spans.Count; s++)
            if (keep[s]) AddTagged(spans[s].T0, spans[s].T1, spans[s].Type);
    }

    /// <summary>
    /// Name particles (بن، آل، أبو، فان، دي …) belong to the person around them, which the tagger often splits
    /// there: two tagged persons with only particles between them are one («بيرت | فان | مارفيك»), particles
    /// just before a tagged person are its first words («فان | باستن»), and after «آل»/«بن» the word before the
    /// particles is the given name («مسلم | آل | فريج») unless it is a function word, a title or a definite noun.
    /// </summary>
    private void JoinAtParticles(List<(int T0, int T1, string Type)> spans)
    {
        for (int s = 0; s < spans.Count; s++)
        {
            var (a, b, type) = spans[s];
            if (type != "PERS") continue;
            int p = a;
            while (p > 0 && a - p < 2 && SameSentence(p - 1, a) && _t[p - 1].Word && Has(p - 1, WordClass.Particle)) p--;
            if (p == a) continue;
            // particles joining this person to a tagged person just before them; between two names a particle
            // that folds like a function word is the particle (فان, not فإن)
            if (s > 0 && spans[s - 1].T1 == p && spans[s - 1].Type == "PERS")
            {
                spans[s - 1] = (spans[s - 1].T0, b, type);
                spans.RemoveAt(s);
                s--;
                continue;
            }
            // a particle that folds like a function word only because its hamza was dropped is the particle as
            // written (يريد فان باستن, not فإن), unless a clause opens there (، فان حماد): news mostly writes the
            // conjunction with its hamza
            while (p < a && IsStop(p) && !(WrittenWithoutHamza(p) && p > 0 && SameSentence(p - 1, p) && _t[p - 1].Word)) p++;
            if (p == a) continue;
            if (s > 0 && spans[s - 1].T1 > p - 1) { spans[s] = (p, b, type); continue; }
            int w = p - 1;
            bool given = w >= 0 && Has(p, WordClass.LinkParticle) && SameSentence(w, p) && _t[w].Word && !IsStop(w)
                && !Has(w, WordClass.Title | WordClass.Particle | WordClass.SpeechVerb | WordClass.OrgTrigger | WordClass.PlaceWord | WordClass.StateBody)
                && !_t[w].Best.Article && _t[w].Best.Prep == '\0' && _t[w].Arabic == _t[p].Arabic;
            spans[s] = (given ? w : p, b, type);
        }
    }

    private bool WrittenWithoutHamza(int i)
    {
        var w = _doc.Tokens[i];
        return _text.AsSpan(w.Start, w.End - w.Start).IndexOfAny('أ', 'إ', 'آ') < 0;
    }

    /// <summary>
    /// A Gulf name chain goes on in definite given names (صباح الخالد الحمد | الصباح), where the tagger often
    /// stops one word short: after a tagged person of two words or more that ends in a definite word, a definite
    /// registry given name that no list knows otherwise is the family's name, even one that is also a common
    /// word (الصباح).
    /// </summary>
    private void ExtendFamilyChains(List<(int T0, int T1, string Type)> spans)
    {
        for (int s = 0; s < spans.Count; s++)
        {
            var (a, b, type) = spans[s];
            if (type != "PERS" || b - a < 2 || !_t[b - 1].Best.Article) continue;
            int limit = s + 1 < spans.Count ? spans[s + 1].T0 : _t.Length;
            while (b < limit && b - a < 6 && SameSentence(a, b) && _t[b].Arabic && _t[b].Best.Article && _t[b].Best.Prep == '\0'
                && !_t[b].Best.Conj && _lexAt[b].End == 0 && Has(b, WordClass.Given | WordClass.RegistryGiven)
                && !Has(b, WordClass.NotName | WordClass.Title | WordClass.ClubRole | WordClass.PlaceWord | WordClass.OrgTrigger))
                b++;
            spans[s] = (a, b, type);
        }
    }

    /// <summary>
    /// Sports news names clubs by one definite word that is often a place or a common noun (الخليج، الهلال،
    /// النصر، الاتفاق): after a player's role (<see cref="WordClass.ClubRole"/>: حارس الخليج، ظهير الاتفاق) that
    /// word is the club, an organisation, and so is every other mention of it in the document with the article
    /// (إلى الهلال، مع النصر), unless the tagger made it part of a longer name. Such spans are typed "CLUB":
    /// an organisation whatever a list says the word is.
    /// </summary>
    private void ClubsAfterRoles(List<(int T0, int T1, string Type)> spans)
    {
        HashSet<string>? clubs = null;
        const WordClass notClub = WordClass.ClubRole | WordClass.OrgIntro | WordClass.OrgTrigger | WordClass.StateBody | WordClass.Title
            | WordClass.PlaceWord | WordClass.Particle;
        for (int i = 0; i + 1 < _t.Length; i++)
        {
            int j = i + 1;
            // the role in the construct state (حارس الخليج), not a definite role with its adjective (المهاجم الأساسي)
            if (!Has(i, WordClass.ClubRole) || _t[i].Best.Article || !SameSentence(i, j)) continue;
            int s = SpanAt(spans, j);
            if (s >= 0 && spans[s].T0 != j) s = -1;
            if (s >= 0 && spans[s].Type is "LOC" or "ORG")
            {
                // a club of its own name (مدافع مانشستر سيتي): the tagged places and organisations right after the role
                int end = s;
                while (end + 1 < spans.Count && spans[end + 1].T0 == spans[end].T1 && spans[end + 1].Type is "LOC" or "ORG" && SameSentence(j, spans[end + 1].T0)) end++;
                spans[s] = (j, spans[end].T1, "CLUB");
                spans.RemoveRange(s + 1, end - s);
                if (spans[s].T1 > j + 1 || !_t[j].Arabic || !_t[j].Best.Article) continue;
            }
            else if (!_t[j].Arabic || !_t[j].Best.Article || _t[j].Best.Prep != '\0'
                || IsStop(j) || Has(j, notClub) || (_lexAt[j].End > 0 && _lexAt[j].Payload.Kind == MatchKind.Demonym)) continue;
            (clubs ??= new HashSet<string>(StringComparer.Ordinal)).Add(Bare(j).ToString());
        }
        if (clubs is null) return;
        var lookup = clubs.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int k = 0; k < _t.Length; k++)
        {
            if (!_t[k].Arabic || !_t[k].Best.Article || !lookup.Contains(Bare(k))) continue;
            int s = SpanAt(spans, k);
            if (s >= 0 && spans[s].T1 - spans[s].T0 > 1) continue;
            if (s >= 0) spans[s] = (k, k + 1, "CLUB");
            else spans.Add((k, k + 1, "CLUB"));
        }
        spans.Sort((x, y) => x.T0.CompareTo(y.T0));
    }

    /// <summary>
    /// A club head word (<see cref="WordClass.ClubHead"/>: دينامو، ستيوا، أولمبيك، ريال) right before a place, a
    /// listed or a tagged one, makes one club with it, whatever the tagger said of either word («دينامو | كييف»,
    /// «ستيوا [بوخارست]»). A demonym after it is no place (مليون ريال سعودي), nor is a place behind a preposition
    /// (الأولمبي للولايات المتحدة).
    /// </summary>
    private void ClubsBeforePlaces(List<(int T0, int T1, string Type)> spans)
    {
        for (int k = 0; k + 1 < _t.Length; k++)
        {
            int p = k + 1;
            if (_t[k].ClubHeadAt == 0 || !SameSentence(k, p) || !_t[p].Word || _t[p].Best.Prep != '\0') continue;
            int at = SpanAt(spans, p);
            int end;
            if (at >= 0 && spans[at].T0 == p && spans[at].Type == "LOC") end = spans[at].T1;
            else if (at < 0 && _lexAt[p].End > p && _lexAt[p].Payload.Kind != MatchKind.Demonym
                && _lex.Targets[_lexAt[p].Payload.Target].Type == EntityTypes.Location) end = _lexAt[p].End;
            else continue;
            // the head itself: untagged or a one-word span of its own, never inside a longer name
            int head = SpanAt(spans, k);
            if (head >= 0 && (spans[head].T0 != k || spans[head].T1 != p)) continue;
            // no lambda here: one capturing this loop's locals would allocate a closure for every token
            for (int s = spans.Count - 1; s >= 0; s--)
                if (spans[s].T1 > k && spans[s].T0 < end) spans.RemoveAt(s);
            spans.Add((k, end, "CLUB"));
            spans.Sort((x, y) => x.T0.CompareTo(y.T0));
            k = end - 1;
        }
    }

    /// <summary>
    /// The words in quotes right after a word that introduces a work (<see cref="WordClass.WorkIntro"/>: رواية،
    /// فيلم، برنامج، بعنوان) are the work's title, an other name, where the tagger found no name inside the quotes:
    /// «رواية " أولاد حارتنا "»، «بعنوان « خارج نطاق الخدمة »». The quotation is the one the tagger's features read.
    /// </summary>
    private void QuotedTitles(List<(int T0, int T1, string Type)> spans)
    {
        for (int k = 0; k + 2 < _t.Length; k++)
        {
            if (!_t[k].WorkIntro || !SameSentence(k, k + 1)) continue;
            int end = k + 1;
            while (end < _t.Length && SameSentence(k, end)) end++;
            if (!NerFeatures.Quotation(_doc.Tokens, _text, k + 1, end, out _, out int first, out int last) || Overlaps(spans, first, last)) continue;
            spans.Add((first, last, "MISC"));
            spans.Sort((x, y) => x.T0.CompareTo(y.T0));
            k = last;
        }
    }

    /// <summary>Whether a list match that starts in [<paramref name="from"/>, <paramref name="k"/>) runs past token <paramref name="k"/>.</summary>
    private bool ListedAcross(int from, int k)
    {
        for (int m = from; m < k; m++)
            if (_lexAt[m].End > k) return true;
        return false;
    }

    private static bool Overlaps(List<(int T0, int T1, string Type)> spans, int t0, int t1)
    {
        foreach (var (a, b, _) in spans)
            if (a < t1 && b > t0) return true;
        return false;
    }

    /// <summary>The index of the span holding token <paramref name="k"/>, or -1 (no delegate: this runs per token).</summary>
    private static int SpanAt(List<(int T0, int T1, string Type)> spans, int k)
    {
        for (int s = 0; s < spans.Count; s++)
            if (spans[s].T0 <= k && spans[s].T1 > k) return s;
        return -1;
    }

    /// <summary>
    /// Whether the words [<paramref name="t0"/>, <paramref name="t1"/>) that a rule person adds after the tagger's
    /// person are name words: a given name, a name particle (بن، آل), a definite nisba, or a word the text stage
    /// does not know. A dictionary word without the article there (مدافع، ظهير، حظرا، برفع) is what the sentence
    /// goes on with, and the tagger was right to stop before it.
    /// </summary>
    private bool NameWordsOnly(int t0, int t1)
    {
        for (int k = t0; k < t1; k++)
        {
            if (Has(k, WordClass.Title | WordClass.ClubRole)) return false;
            if (Has(k, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle)) continue;
            if (_t[k].Best.Article) continue;
            if (_doc.Tokens[k].StemInLexicon || _t[k].Best.Prep != '\0') return false;
        }
        return true;
    }

    /// <summary>A mention found by the rules' pass (another extractor over the same token facts).</summary>
    private void AddCopy(Raw r)
    {
        for (int k = r.T0; k < r.T1; k++) if (_covered[k] != -1) return;
        for (int k = r.T0; k < r.T1; k++) _covered[k] = _raw.Count;
        _raw.Add(r);
    }

    private void AddTagged(int t0, int t1, string tagType)
    {
        // punctuation at the edges of a span is not part of the name
        while (t0 < t1 && !_t[t0].Word) t0++;
        while (t1 > t0 && !_t[t1 - 1].Word) t1--;
        // nor is a function word or a weekday at its end (المجلس النرويجي للاجئين | الثلاثاء); a given name that is
        // also a function word (باسم) stays
        while (t1 > t0 + 1 && IsStop(t1 - 1) && !Has(t1 - 1, WordClass.Given)) t1--;
        if (t1 <= t0) return;
        if (tagType == "MISC")
        {
            _taggedMisc.Add((t0, t1));
            for (int k = t0; k < t1; k++) _covered[k] = TakenByOtherName;
            return;
        }
        // a title or role word on its own («الكاردينال»، «الوزير») describes a name, it is none
        if (t1 - t0 == 1 && Has(t0, WordClass.Title) && _lexAt[t0].End == 0) return;
        if (tagType == "CLUB")
        {
            // a club head read as the whole word starts the name there (وفاق سطيف, not و + فاق)
            bool whole = _t[t0].ClubHeadAt == 1 && _t[t0].Best.Offset > 0;
            int added = _raw.Count;
            AddUnlisted(t0, t1, EntityTypes.Organisation, whole);
            if (whole && _raw.Count > added) _raw[^1].Start = _doc.Tokens[t0].Start;
            return;
        }
        string type = tagType switch { "PERS" => EntityTypes.Person, "LOC" => EntityTypes.Location, "ORG" => EntityTypes.Organisation, _ => "" };
        if (type.Length == 0) return;
        // The span's name in the lists: the whole span, the span without a trailing demonym, or without a
        // leading descriptor word (مدينة، حركة …).
        int at = -1;
        if (_lexAt[t0].End == t1) at = t0;
        else if (_lexAt[t0].End == t1 - 1 && t1 - t0 >= 2 && _lexAt[t1 - 1].End == t1 && _lexAt[t1 - 1].Payload.Kind == MatchKind.Demonym) at = t0;
        else if (t1 - t0 >= 2 && _lexAt[t0 + 1].End == t1 && Has(t0, WordClass.PlaceWord | WordClass.OrgTrigger | WordClass.OrgIntro)) at = t0 + 1;
        if (at >= 0)
        {
            var lx = _lexAt[at];
            var target = _lex.Targets[lx.Payload.Target];
            // The list's type wins for the whole span (واس tagged as a place is the news agency); a person is
            // kept a person unless the list knows the span as a person too.
            bool whole = at == t0 && lx.Payload.Kind != MatchKind.Demonym;
            if (target.Type == type || (type != EntityTypes.Person && target.Type != EntityTypes.Person && (whole || lx.End - at >= 2)))
            {
                AddRaw(t0, t1, t0 == at ? lx.Analysis.Offset : _t[t0].Best.Offset, target.Type, target.Subtype, lx.Payload.Target,
                    MentionKind.Name, "K:" + target.Key, target.Country);
                return;
            }
        }
        int before = _raw.Count;
        // A leading ف that no list explains is the name's own letter inside a clause («وكان فرانك بورمان»): the
        // conjunction ف opens a clause, after punctuation or at the start of the sentence.
        bool keepFeh = _t[t0].Bare == WordClass.None && _t[t0].Arabic && _t[t0].Best.Conj && _t[t0].Folded[0] == Marsad.Text.ArabicLetters.Feh
            && t0 > 0 && SameSentence(t0 - 1, t0) && _t[t0 - 1].Word;
        if (type == EntityTypes.Person) AddPerson(t0, t1, keepFeh);
        else AddUnlisted(t0, t1, type, keepFeh);
        // where no list matched, the mention starts where the text stage says the word's stem (with its article)
        // does, unless the word lists know a reading of the word (the given name فيصل is not ف + يصل)
        if (_raw.Count > before && _t[t0].Bare == WordClass.None) _raw[^1].Start = keepFeh ? _doc.Tokens[t0].Start : StemStartWithArticle(t0);
    }

    private int StemStartWithArticle(int i)
    {
        var w = _doc.Tokens[i];
        if (w.Proclitics == Marsad.Text.Proclitics.None || w.StemStart <= w.Start) return w.Start;
        int s = w.StemStart;
        if (w.HasArticle && s - 2 >= w.Start && _text[s - 2] == Marsad.Text.ArabicLetters.Alef && _text[s - 1] == Marsad.Text.ArabicLetters.Lam) s -= 2;
        return s;
    }

    private void AddUnlisted(int t0, int t1, string type, bool wholeFirst = false)
    {
        var sig = new StringBuilder();
        for (int k = t0; k < t1; k++)
        {
            if (k > t0) sig.Append('|');
            sig.Append(k == t0 && wholeFirst ? _t[k].Folded.AsSpan() : Bare(k));
        }
        string subtype = type == EntityTypes.Organisation ? "organisation" : "other";
        AddRaw(t0, t1, _t[t0].Best.Offset, type, subtype, -1, MentionKind.Name, (type == EntityTypes.Organisation ? "S:" : "L:") + sig, null);
    }
}
