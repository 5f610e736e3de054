using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Entities.Tagging;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

/// <summary>
/// Finds the entity mentions of one document and merges them into entities. Works on the text stage's
/// tokens: every word is folded once, its clitic analyses (و ف, ب ل ك, ال, لل) are tried against the
/// frozen trie and word classes, and the rules (organisation phrases, titles, name shapes,
/// appositions) read those per-token facts; no regex runs per token.
/// </summary>
internal sealed partial class EntityExtractor
{
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
        /// <summary>For persons: introduced by a title, a speech verb or an apposition (not by the name's shape alone).</summary>
        public bool Cued;
    }


    // Measured on development data: a registry given name + any unknown word as a person costs more
    // precision than it gains recall; kept switchable for experiments.
    private const bool RelaxedForeignSurnames = false;

    private readonly EntityLexicon _lex;
    private readonly AnalyzedDocument _doc;
    private readonly string _text;
    private readonly TokenFacts _facts;
    private readonly TokenFact[] _t;
    private readonly LexMatch[] _lexAt;
    private readonly List<Raw> _raw = [];
    private readonly int[] _covered; // the raw mention a token belongs to; -1 none, TakenByOtherName for a tagged MISC name
    private readonly EntityOptions _options;

    private const int TakenByOtherName = -2;

    public EntityExtractor(EntityLexicon lexicon, AnalyzedDocument document, EntityOptions? options = null)
        : this(lexicon, document, new TokenFacts(lexicon, document), options)
    {
    }

    /// <summary>An extractor over token facts computed already (the tagger's training data, a second pass).</summary>
    public EntityExtractor(EntityLexicon lexicon, AnalyzedDocument document, TokenFacts facts, EntityOptions? options = null)
    {
        _options = options ?? EntityOptions.RulesOnly;
        _lex = lexicon;
        _doc = document;
        _text = document.Text;
        int n = document.Tokens.Count;
        _facts = facts;
        _t = _facts.Tokens;
        _lexAt = _facts.LexAt;
        _covered = new int[n];
        Array.Fill(_covered, -1);
    }

    public void Run()
    {
        var model = _options.UseTagger ? _options.Model ?? NerModel.Default : null;
        if (model is not null)
        {
            // what the rules would say is one of the tagger's features
            var rules = new EntityExtractor(_lex, _doc, _facts, EntityOptions.RulesOnly);
            _facts.RuleTags = rules.RuleTags();
            TaggedSpans(model, _options.PreferLongerRuleNames ? rules._raw : []);
        }
        FindByRules(listsOnly: model is not null && !_options.RulesBesideTagger);
        ShortForms();
        Parentheses();
        Emit();
    }

    /// <summary>The list matches and rules on the tokens nothing took yet (with <paramref name="listsOnly"/>, list matches alone).</summary>
    private void FindByRules(bool listsOnly)
    {
        int n = _t.Length, pos = 0;
        while (pos < n)
        {
            if (_covered[pos] != -1) { pos++; continue; }
            int next = Step(pos, listsOnly);
            pos = next > pos ? next : pos + 1;
        }
        if (!listsOnly) Appositions();
    }

    /// <summary>
    /// The lists' and rules' answer as one code per token (0 outside any name; else type, how it was found,
    /// and first or later token), for the tagger's features. Runs every pass but the emission.
    /// </summary>
    internal byte[] RuleTags()
    {
        FindByRules(listsOnly: false);
        ShortForms();
        Parentheses();
        var codes = new byte[_t.Length];
        foreach (var r in _raw)
        {
            int type = r.Type switch { EntityTypes.Person => 0, EntityTypes.Organisation => 1, _ => 2 };
            for (int k = r.T0; k < r.T1; k++) codes[k] = (byte)(1 + ((type * 4 + (int)r.Kind) * 2) + (k == r.T0 ? 0 : 1));
        }
        foreach (var o in OtherNames())
            for (int k = o.TokenStart; k < o.TokenEnd; k++) codes[k] = (byte)(1 + (3 * 4 * 2) + (k == o.TokenStart ? 0 : 1));
        return codes;
    }

    private bool SameSentence(int i, int j) => _facts.SameSentence(i, j);

    private ReadOnlySpan<char> Bare(int i) => _facts.Bare(i);

    private bool Has(int i, WordClass c) => _facts.Has(i, c);

    private bool IsStop(int i) => _facts.IsStop(i);

    private int CharAt(int i, int k) => _facts.CharAt(i, k);

    // ---------------------------------------------------------------- main pass

    private int Step(int i, bool listsOnly)
    {
        if (!_t[i].Word) return i + 1;
        var lex = _lexAt[i];
        if (listsOnly)
        {
            // beside the tagger only the lists speak: a listed name the model missed
            if (lex.End == 0) return i + 1;
            var target = _lex.Targets[lex.Payload.Target];
            AddRaw(i, lex.End, lex.Analysis.Offset, target.Type, target.Subtype, lex.Payload.Target,
                lex.Payload.Kind == MatchKind.Demonym ? MentionKind.Demonym : MentionKind.Name, "K:" + target.Key, target.Country);
            return lex.End;
        }
        string sig = "", subtype = "organisation";
        string? country = null;
        if (lex.End == 0 && Has(i, WordClass.StateBody))
        {
            int end = TryStateBody(i, out sig, out country);
            if (end > 0)
            {
                AddRaw(i, end, _t[i].Best.Offset, EntityTypes.Organisation, subtype, -1, MentionKind.Name, "S:" + sig, country);
                return end;
            }
        }
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
                AddPerson(nameStart, end, cued: true);
                return end;
            }
        }
        if (Has(i, WordClass.SpeechVerb) && !_t[i].Best.Article && _t[i].Best.Prep == '\0' && SameSentence(i, i + 1) && IsNameStart(i + 1, true))
        {
            int end = NameEnd(i + 1);
            if (end > i + 1 && FollowsSpeech(end))
            {
                AddPerson(i + 1, end, cued: true);
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
        for (int k = t0; k < t1; k++) if (_covered[k] != -1) return; // a span the tagger (or an earlier rule) took
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

    /// <param name="wholeFirst">The first word is the name whole, a leading ف or و included.</param>
    /// <param name="cued">A title, a speech verb or an apposition introduced the name.</param>
    private void AddPerson(int t0, int t1, bool wholeFirst = false, bool cued = false)
    {
        var sb = new StringBuilder();
        for (int k = t0; k < t1; k++)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(k == t0 && !wholeFirst ? Bare(k) : _t[k].Folded.AsSpan());
        }
        int before = _raw.Count;
        AddRaw(t0, t1, _t[t0].Best.Offset, EntityTypes.Person, "person", -1, MentionKind.Name, "P:" + sb, null);
        if (_raw.Count > before) _raw[^1].Cued = cued;
    }
}
