using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Extraction.Places;

namespace Marsad.Extraction.Entities;

/// <summary>Classes a word (without clitics) can belong to, from <c>Data/entity-words.tsv</c> and the given-name list.</summary>
[Flags]
internal enum WordClass : uint
{
    None = 0,
    Given = 1,
    RegistryGiven = 2,
    NotName = 4,
    Particle = 8,
    Title = 16,
    StrongTitle = 32,
    OrgTrigger = 64,
    OrgStop = 128,
    Concern = 256,
    TopicPrep = 512,
    PlaceWord = 1024,
    Stop = 2048,
    Ordinal = 4096,
    NameSuffix = 8192,
    SpeechVerb = 16384,
    OrgIntro = 32768,
    /// <summary>A state body that a nationality adjective names (الحكومة البريطانية، السفارة الأمريكية).</summary>
    StateBody = 65536,
    /// <summary>A particle that links a given name to the family or father's name after it (بن، آل): «مسلم آل فريج».</summary>
    LinkParticle = 131072,
    /// <summary>A player's role in a team (حارس، مهاجم، ظهير): the definite name after it is the club (حارس الهلال).</summary>
    ClubRole = 262144,
    /// <summary>
    /// A word that sports clubs put before their city (دينامو كييف، ستيوا بوخارست، أولمبيك آسفي): with a place right
    /// after it, the two are the club.
    /// </summary>
    ClubHead = 524288,
    /// <summary>A word that introduces the title of a work in quotes (رواية، فيلم، برنامج، بعنوان): «رواية "أولاد حارتنا"».</summary>
    WorkIntro = 1048576,
    /// <summary>The classes only the passes after tagging read: kept out of a token's Full and Bare, which choose its reading and feed the rules and the tagger.</summary>
    AfterTagging = ClubHead | WorkIntro,
}

/// <summary>
/// Everything the entity stage asks about one folded word, from one lookup: its word classes, its id in
/// <see cref="EntityLexicon.Trie"/> and <see cref="EntityLexicon.MiscTrie"/> (-1 when absent) and whether a
/// name of either trie starts with it.
/// </summary>
internal readonly record struct WordInfo(WordClass Class, int TrieId, int MiscId, bool StartsName, bool StartsMisc)
{
    public static readonly WordInfo None = new(WordClass.None, -1, -1, false, false);
}

/// <summary>What a lexicon match points at: a gazetteer place or a listed organisation.</summary>
public sealed class LexiconTarget
{
    public required string Type { get; init; }
    public required string Subtype { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? Country { get; init; }
    /// <summary>The gazetteer entry for places; null for organisations.</summary>
    public GazetteerEntry? Place { get; init; }
    /// <summary>Lower ranks win when one name has several targets: countries, regions, organisations, admin1, cities.</summary>
    internal int Rank { get; init; }
}

/// <summary>
/// Everything the entity stage matches against, built once from the embedded data: a <see cref="TokenTrie"/>
/// over places, demonyms and organisations, and the word classes of the person/organisation rules.
/// Immutable and thread-safe.
/// </summary>
public sealed class EntityLexicon
{
    private static readonly Lazy<EntityLexicon> DefaultInstance = new(() => new EntityLexicon(Gazetteer.Default));

    private readonly FrozenDictionary<string, string> _givenEn;
    private readonly WordTable<WordInfo> _words;

    public static EntityLexicon Default => DefaultInstance.Value;

    /// <summary>Members of the Arab League (and Western Sahara): their place names are Arabic, not transcribed.</summary>
    private static readonly FrozenSet<string> ArabStates = FrozenSet.ToFrozenSet(
        ["MA", "DZ", "TN", "LY", "EG", "SD", "MR", "SO", "DJ", "KM", "SA", "AE", "QA", "BH", "KW", "OM", "YE", "IQ", "SY", "LB", "JO", "PS", "EH"],
        StringComparer.Ordinal);

    public Gazetteer Gazetteer { get; }

    public IReadOnlyList<LexiconTarget> Targets { get; }

    internal TokenTrie Trie { get; }

    /// <summary>Other names (currencies, religions, wars, competitions, prizes): NER's MISC, not entities.</summary>
    internal TokenTrie MiscTrie { get; }

    internal IReadOnlyList<(string Category, string Code)> MiscTargets { get; }

    /// <summary>Number of names (not words) in the trie.</summary>
    public int NameCount { get; }

    public EntityLexicon(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        Gazetteer = gazetteer;
        var targets = new List<LexiconTarget>();
        var trie = new TokenTrie.Builder();
        int names = 0;
        void AddName(string name, int target, MatchKind kind, ArticleRule? rule = null)
        {
            var words = NameFolding.Words(name);
            if (words.Length == 0 || words[0].Length < 2) return;
            bool article = NameFolding.HasArticle(words[0]);
            // أل/إل/آل is no article, but it folds to ال: a text's «الألماني» loses one ال and keeps the
            // other, so such a name is also listed whole, after an article (ألمانيا, ألماني, إلينوي).
            bool hamzaAl = article && name.TrimStart().Length > 1 && name.TrimStart()[0] is 'أ' or 'إ' or 'آ';
            if (hamzaAl) trie.Add([.. words], new TriePayload(target, kind, ArticleRule.Required));
            if (article) words[0] = words[0][2..];
            trie.Add(words, new TriePayload(target, kind, rule ?? (article ? ArticleRule.Required : ArticleRule.Forbidden)));
            names++;
        }

        foreach (var e in gazetteer.Entries)
        {
            int id = targets.Count;
            targets.Add(new LexiconTarget
            {
                Type = EntityTypes.Location,
                Subtype = e.Subtype,
                Key = e.Key,
                Name = e.Name,
                NameEn = e.NameEn,
                Lat = e.Lat,
                Lon = e.Lon,
                Country = e.Country,
                Place = e,
                Rank = e.Subtype switch { "country" => 0, "region" => 1, "admin1" => 3, _ => 4 },
            });
            // Foreign names written with غ for G are also written with ج (Egyptian usage): هونغ كونغ / هونج كونج.
            bool foreign = e.Country is not null && !ArabStates.Contains(e.Country);
            foreach (var n in e.Names)
            {
                AddName(n, id, MatchKind.Name);
                if (foreign && n.Contains('غ')) AddName(n.Replace('غ', 'ج'), id, MatchKind.Name);
            }
            foreach (var n in e.WeakNames) AddName(n, id, MatchKind.WeakName);
            // Demonyms take the article or not (مغربية / المغربية).
            foreach (var n in e.Demonyms) AddName(n, id, MatchKind.Demonym, ArticleRule.Any);
        }

        using (var reader = PlaceData.Open("organisations.tsv"))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split('\t');
                if (f.Length < 5) continue;
                int id = targets.Count;
                targets.Add(new LexiconTarget
                {
                    Type = EntityTypes.Organisation,
                    Subtype = f[1],
                    Key = "marsad:org:" + f[0],
                    Name = f[4],
                    NameEn = f[3].Length == 0 ? null : f[3],
                    Country = f[2].Length == 0 ? null : f[2],
                    Rank = 2,
                });
                AddName(f[4], id, MatchKind.Name);
                // Arabic news cites outlets and agencies by their Latin acronym («(CNN) --»، «وكالة AFP»)
                if (IsAcronym(f[3])) AddName(f[3], id, MatchKind.Acronym, ArticleRule.Any);
                if (f.Length > 5)
                    foreach (var v in f[5].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        AddName(v, id, MatchKind.Name);
            }
        }
        Targets = targets;
        Trie = trie.Build();

        var misc = new TokenTrie.Builder();
        var miscTargets = new List<(string Category, string Code)>();
        using (var reader = PlaceData.Open("misc.tsv"))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split('\t');
                if (f.Length < 3) continue;
                int id = miscTargets.Count;
                miscTargets.Add((f[0].Replace("currency-unit", "currency", StringComparison.Ordinal), f[1]));
                foreach (var v in f[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var words = NameFolding.Words(v);
                    if (words.Length == 0 || words[0].Length < 2) continue;
                    bool article = NameFolding.HasArticle(words[0]);
                    if (article) words[0] = words[0][2..];
                    // currency words take the article or not (دولار، الدولار); other names are written as listed
                    var rule = f[0].StartsWith("currency", StringComparison.Ordinal) ? ArticleRule.Any : article ? ArticleRule.Required : ArticleRule.Forbidden;
                    misc.Add(words, new TriePayload(id, MatchKind.Name, rule));
                }
            }
        }
        MiscTrie = misc.Build();
        MiscTargets = miscTargets;
        NameCount = names;

        var classes = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        void Mark(string word, WordClass c)
        {
            var k = NameFolding.Fold(word);
            if (k.Length == 0) return;
            classes[k] = classes.GetValueOrDefault(k) | c;
        }
        using (var reader = PlaceData.Open("entity-words.tsv"))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#') continue;
                int tab = line.IndexOf('\t');
                if (tab < 0) continue;
                var cls = line[..tab] switch
                {
                    "given" => WordClass.Given,
                    "ordinal" => WordClass.Ordinal,
                    "namesuffix" => WordClass.NameSuffix,
                    "speechverb" => WordClass.SpeechVerb,
                    "orgintro" => WordClass.OrgIntro,
                    "particle" => WordClass.Particle,
                    "linkparticle" => WordClass.LinkParticle | WordClass.Particle,
                    "clubrole" => WordClass.ClubRole,
                    "clubhead" => WordClass.ClubHead,
                    "workintro" => WordClass.WorkIntro,
                    "title" => WordClass.Title,
                    "strongtitle" => WordClass.StrongTitle | WordClass.Title,
                    "orgtrigger" => WordClass.OrgTrigger,
                    "statebody" => WordClass.StateBody,
                    "orgstop" => WordClass.OrgStop,
                    "concern" => WordClass.Concern,
                    "topicprep" => WordClass.TopicPrep,
                    "placeword" => WordClass.PlaceWord,
                    "stop" => WordClass.Stop,
                    "notname" => WordClass.NotName,
                    var other => throw new FormatException($"entity-words.tsv: unknown class '{other}'"),
                };
                foreach (var w in line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)) Mark(w, cls);
            }
        }
        var givenEn = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = PlaceData.Open("givennames.tsv"))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split('\t');
                var k = NameFolding.Fold(f[0]);
                if (NameFolding.HasArticle(k)) continue; // surnames with the article (الحسيني) are not given names
                Mark(k, WordClass.RegistryGiven);
                if (f.Length > 1) givenEn.TryAdd(k, f[1]);
            }
        }
        // One table for the three questions the extractor asks of every reading of every word: one hash
        // probe where there were three (a word's class, its id in each trie).
        var infos = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        foreach (var (w, c) in classes) infos[w] = WordInfo.None with { Class = c };
        foreach (var (w, id) in Trie.Vocabulary)
            infos[w] = infos.GetValueOrDefault(w, WordInfo.None) with { TrieId = id, StartsName = Trie.Next(TokenTrie.Root, id) >= 0 };
        foreach (var (w, id) in MiscTrie.Vocabulary)
            infos[w] = infos.GetValueOrDefault(w, WordInfo.None) with { MiscId = id, StartsMisc = MiscTrie.Next(TokenTrie.Root, id) >= 0 };
        _words = new WordTable<WordInfo>(infos);
        _givenEn = givenEn.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Two to seven capitals and digits, a capital first (CNN, G20, UNICEF).</summary>
    internal static bool IsAcronym(ReadOnlySpan<char> s)
    {
        if (s.Length is < 2 or > 7 || !char.IsAsciiLetterUpper(s[0])) return false;
        foreach (char c in s)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    internal WordClass ClassOf(ReadOnlySpan<char> folded) => Lookup(folded).Class & ~WordClass.AfterTagging;

    /// <summary>Class and trie ids of a folded word in one lookup (<see cref="WordInfo.None"/> when unknown).</summary>
    internal WordInfo Lookup(ReadOnlySpan<char> folded) => _words.TryGetValue(folded, out var w) ? w : WordInfo.None;

    /// <summary><see cref="Lookup(ReadOnlySpan{char})"/> with the word's hash (<see cref="WordTable{TValue}.SuffixHashes"/>) computed already.</summary>
    internal WordInfo Lookup(ReadOnlySpan<char> folded, ulong hash) => _words.TryGetValue(folded, hash, out var w) ? w : WordInfo.None;

    /// <summary>Asks the memory for the slot a <see cref="Lookup(ReadOnlySpan{char}, ulong)"/> of hash <paramref name="hash"/> reads first.</summary>
    internal void Prefetch(ulong hash) => _words.Prefetch(hash);

    /// <summary>The English spelling of a given name from the registry list, if it has one.</summary>
    public string? GivenNameEnglish(string folded) => _givenEn.GetValueOrDefault(folded);
}
