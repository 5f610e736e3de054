using Marsad.Extraction.Data;
using System.Collections.Frozen;
using System.Reflection;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>What a lexicon entry is: an event verb, an event noun, a light verb or an excluded phrase.</summary>
public enum TriggerKind : byte
{
    Verb,
    Noun,
    /// <summary>عقد، جرى، فرض …: lends its clause to an event noun, never an event alone.</summary>
    LightVerb,
    /// <summary>A phrase that is not an event although it starts like one (مؤتمر صحفي).</summary>
    Exclude,
    /// <summary>قال، أكد، أعلن …: no event alone; its subject speaks for the complement and is the antecedent of a dropped subject.</summary>
    Speech,
}

/// <summary>One surface form of a trigger: the words after the first (for phrases) and what it means.</summary>
public sealed record TriggerEntry(
    string Type,
    string? Mode,
    TriggerKind Kind,
    /// <summary>The words after the first one, at Matching level (empty for one-word triggers).</summary>
    string[] Rest,
    /// <summary>An imperfect verb form (يجتمع), as opposed to a past one.</summary>
    bool Imperfect,
    /// <summary>The form carries the future prefix س (سيجتمع).</summary>
    bool Future)
{
    public int WordCount => Rest.Length + 1;
}

/// <summary>
/// The trigger lexicon (Data/events/triggers.tsv), expanded once into every inflected form it lists
/// (subject suffixes, imperfect prefixes, the future س, object and possessive pronouns, plurals) and
/// frozen into a dictionary keyed by the first word at Matching level. Lookups take spans, so
/// scanning a document allocates nothing per token.
/// </summary>
public sealed class TriggerLexicon
{
    private static readonly string[] PastSuffixes = ["", "ت", "تا", "وا", "ا", "نا", "تم"];
    private static readonly string[] ImperfectPrefixes = ["ي", "ت", "ن", "ا"];
    private static readonly string[] ImperfectSuffixes = ["", "ون", "ان", "ين", "وا", "ن"];
    private static readonly string[] ObjectPronouns = ["", "ه", "ها", "هم", "هما", "كم"];
    private static readonly string[] Possessives = ["ه", "ها", "هم", "هما"];

    private readonly FrozenDictionary<string, TriggerEntry[]> _byFirstWord;
    private readonly FrozenDictionary<string, TriggerEntry[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public static TriggerLexicon Default { get; } = LoadEmbedded();

    public TriggerLexicon(FrozenDictionary<string, TriggerEntry[]> byFirstWord)
    {
        _byFirstWord = byFirstWord;
        _lookup = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _filter = new SpanFilter(byFirstWord.Count);
        foreach (var k in byFirstWord.Keys) _filter.Add(k);
    }

    private readonly SpanFilter _filter;

    /// <summary>Distinct surface forms (first words) the lexicon recognises.</summary>
    public int FormCount => _byFirstWord.Count;

    /// <summary>The event types the lexicon has triggers for.</summary>
    public IReadOnlySet<string> Types => _types ??= _byFirstWord.Values.SelectMany(v => v)
        .Where(e => e.Kind is TriggerKind.Verb or TriggerKind.Noun).Select(e => e.Type).ToFrozenSet(StringComparer.Ordinal);

    private FrozenSet<string>? _types;

    /// <summary>Lines (type, mode, pos, form) read from the data file, before expansion.</summary>
    public int SourceFormCount { get; private init; }

    public bool TryGet(ReadOnlySpan<char> firstWord, out TriggerEntry[] entries)
    {
        if (_filter.MayContain(firstWord) && _lookup.TryGetValue(firstWord, out var e)) { entries = e; return true; }
        entries = [];
        return false;
    }

    /// <summary>
    /// Some trigger may start at this token: its stem, its form, the form without a preposition ب/ل
    /// or the stem without an article is a first word of the lexicon (the forms the event stage tries).
    /// </summary>
    internal bool MayStart(Marsad.Analysis.WordToken t)
    {
        if (_filter.MayContain(t.Stem) && _lookup.ContainsKey(t.Stem)) return true;
        if (!ReferenceEquals(t.Stem, t.Norm) && _filter.MayContain(t.Norm) && _lookup.ContainsKey(t.Norm)) return true;
        var withoutConjunction = EventWords.Bare(t.Norm);
        if (withoutConjunction.Length >= 3 && withoutConjunction.Length < t.Norm.Length && _filter.MayContain(withoutConjunction) && _lookup.ContainsKey(withoutConjunction)) return true;
        var noPrep = EventWords.WithoutPreposition(t.Norm);
        if (noPrep.Length >= 3 && _filter.MayContain(noPrep) && _lookup.ContainsKey(noPrep)) return true;
        var bare = EventWords.WithoutArticle(t.Stem);
        return bare.Length >= 2 && _filter.MayContain(bare) && _lookup.ContainsKey(bare);
    }

    public static TriggerLexicon LoadEmbedded()
    {
        using var stream = typeof(TriggerLexicon).Assembly.GetManifestResourceStream("Marsad.Extraction.Data.events.triggers.tsv")
            ?? throw new InvalidOperationException("embedded resource triggers.tsv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses the TSV format described at the top of triggers.tsv.</summary>
    public static TriggerLexicon Parse(string tsv)
    {
        var map = new Dictionary<string, List<TriggerEntry>>(StringComparer.Ordinal);
        int sourceForms = 0;
        foreach (var (lineNo, cols) in TsvRows.Read(tsv, "triggers.tsv", 4))
        {
            string type = cols[0];
            string? mode = cols[1] == "-" ? null : cols[1];
            foreach (var form in cols[3].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                sourceForms++;
                switch (cols[2])
                {
                    case "v": AddVerb(map, type, mode, TriggerKind.Verb, form, lineNo); break;
                    case "lv": AddVerb(map, type, mode, TriggerKind.LightVerb, form, lineNo); break;
                    case "vf": AddFixedVerb(map, type, mode, TriggerKind.Verb, form); break;
                    case "lvf": AddFixedVerb(map, type, mode, TriggerKind.LightVerb, form); break;
                    case "n": AddNoun(map, type, mode, form); break;
                    case "nf": Add(map, Words(form), type, mode, TriggerKind.Noun, false, false); break;
                    case "sv": AddVerb(map, type, mode, TriggerKind.Speech, form, lineNo); break;
                    case "svf": AddFixedVerb(map, type, mode, TriggerKind.Speech, form); break;
                    case "x": Add(map, Words(form), type, mode, TriggerKind.Exclude, false, false); break;
                    default: throw new FormatException($"triggers.tsv line {lineNo}: unknown pos '{cols[2]}'");
                }
            }
        }
        var frozen = map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        return new TriggerLexicon(frozen) { SourceFormCount = sourceForms };
    }

    private static string[] Words(string form) =>
        form.Split('_').Select(w => ArabicNormalizer.Normalize(w, NormalizationLevel.Matching)).ToArray();

    private static void AddVerb(Dictionary<string, List<TriggerEntry>> map, string type, string? mode, TriggerKind kind, string form, int lineNo)
    {
        var parts = form.Split('/');
        if (parts.Length != 2)
            throw new FormatException($"triggers.tsv line {lineNo}: verb form '{form}' must be PAST/IMPERFECT");
        var past = Words(parts[0]);
        var imperfect = Words(parts[1]);
        if (imperfect[0].Length < 2 || imperfect[0][0] != ArabicLetters.Yeh)
            throw new FormatException($"triggers.tsv line {lineNo}: imperfect '{parts[1]}' must start with ي");
        foreach (var suffix in PastSuffixes)
            foreach (var pronoun in ObjectPronouns)
            {
                // اتهموا + ه is written اتهموه: the silent alef goes before a pronoun.
                string s = pronoun.Length > 0 && suffix == "وا" ? "و" : suffix;
                Add(map, [past[0] + s + pronoun, .. past[1..]], type, mode, kind, false, false);
            }
        string stem = imperfect[0][1..];
        foreach (var prefix in ImperfectPrefixes)
            foreach (var suffix in ImperfectSuffixes)
                foreach (var pronoun in ObjectPronouns)
                {
                    string s = pronoun.Length > 0 && suffix == "وا" ? "و" : suffix;
                    string word = prefix + stem + s + pronoun;
                    Add(map, [word, .. imperfect[1..]], type, mode, kind, true, false);
                    Add(map, ["س" + word, .. imperfect[1..]], type, mode, kind, true, true);
                }
    }

    private static void AddFixedVerb(Dictionary<string, List<TriggerEntry>> map, string type, string? mode, TriggerKind kind, string form)
    {
        bool imperfect = form.StartsWith('+');
        var words = Words(imperfect ? form[1..] : form);
        Add(map, words, type, mode, kind, imperfect, false);
        if (imperfect)
            Add(map, ["س" + words[0], .. words[1..]], type, mode, kind, true, true);
    }

    private static void AddNoun(Dictionary<string, List<TriggerEntry>> map, string type, string? mode, string form)
    {
        var words = Words(form);
        string w = words[0];
        var rest = words[1..];
        var forms = new List<string> { w };
        if (w[^1] == ArabicLetters.TehMarbuta)
        {
            string b = w[..^1];
            forms.Add(b + "ات");
            forms.Add(b + "تين"); // dual, genitive
            forms.Add(b + "تان");
            foreach (var p in Possessives) { forms.Add(b + "ت" + p); forms.Add(b + "ات" + p); }
        }
        else
        {
            forms.Add(w + "ا");   // accusative: اجتماعا
            forms.Add(w + "ات");
            forms.Add(w + "ين");
            forms.Add(w + "ان");
            foreach (var p in Possessives) { forms.Add(w + p); forms.Add(w + "ات" + p); }
        }
        foreach (var f in forms)
            Add(map, [f, .. rest], type, mode, TriggerKind.Noun, false, false);
    }

    private static void Add(Dictionary<string, List<TriggerEntry>> map, string[] words, string type, string? mode, TriggerKind kind, bool imperfect, bool future)
    {
        if (!map.TryGetValue(words[0], out var list)) map[words[0]] = list = [];
        var entry = new TriggerEntry(type, mode, kind, words[1..], imperfect, future);
        // The same form may come from two lines (قتل verb and noun); keep one per kind/type/mode/words.
        foreach (var e in list)
            if (e.Kind == entry.Kind && e.Type == entry.Type && e.Mode == entry.Mode && e.Rest.AsSpan().SequenceEqual(entry.Rest))
                return;
        list.Add(entry);
    }
}
