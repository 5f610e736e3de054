using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

internal sealed partial class EntityExtractor
{
    private void ShortForms()
    {
        SurnameChains();
        var surnames = new Dictionary<string, Raw>(StringComparer.Ordinal);
        // first words of full names: «الملك سلمان» in a headline, «سلمان بن عبدالعزيز» in the body; null when two
        // full names of the document start with the same word (محمد بن سلمان، محمد بن زايد)
        var firsts = new Dictionary<string, Raw?>(StringComparer.Ordinal);
        foreach (var r in _raw.ToArray())
        {
            if (r.Type != EntityTypes.Person || r.T1 - r.T0 < 2) continue;
            if (_t[r.T0].Arabic && !IsStop(r.T0))
            {
                var key = FormKey(r.T0);
                if (!firsts.TryGetValue(key, out var had)) firsts[key] = r;
                else if (had is not null && had.Group != r.Group) firsts[key] = null;
            }
            if (!r.Confident) continue;
            int last = r.T1 - 1;
            if (Has(last, WordClass.Ordinal | WordClass.Particle | WordClass.NotName | WordClass.OrgStop | WordClass.Stop | WordClass.Title)
                || (_t[last].Full & (WordClass.NameSuffix | WordClass.Stop)) != 0 || Bare(last).Length < 3 || _lexAt[last].End > 0) continue;
            surnames.TryAdd(FormKey(last), r);
        }
        if (surnames.Count == 0 && firsts.Count == 0) return;
        var lookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        var firstLookup = firsts.GetAlternateLookup<ReadOnlySpan<char>>();
        // a document has a few such names: a word whose key's bit is not set is in neither table (no hashing)
        ulong keyBits = 0;
        foreach (var k in surnames.Keys) keyBits |= KeyBit(k);
        foreach (var k in firsts.Keys) keyBits |= KeyBit(k);
        Span<char> buf = stackalloc char[NameFolding.MaxWord + 1];
        for (int i = 0; i < _t.Length; i++)
        {
            // a one-word person mention found on its own (by the tagger) is the short form of the full name too
            bool single = _covered[i] >= 0 && _raw[_covered[i]] is { Type: EntityTypes.Person, Kind: MentionKind.Name } one && one.T0 == i && one.T1 == i + 1;
            if ((_covered[i] != -1 && !single) || !_t[i].Arabic || IsStop(i)) continue;
            var bare = Bare(i);
            if (bare.Length > NameFolding.MaxWord) continue;
            bare.CopyTo(buf);
            int n = bare.Length;
            if (_t[i].Best.Article) buf[n++] = '+';
            if ((keyBits & KeyBit(buf[..n])) == 0) continue;
            // a word that is no person on its own is a short form only after the full name; a one-word person
            // may come first too (a headline's «شكري يستقبل …» before the body's «سامح شكري»)
            if (!lookup.TryGetValue(buf[..n], out var person) || (person.T0 > i && !single))
            {
                // a one-word person that is the first word of exactly one full name is that person
                if (!single || !firstLookup.TryGetValue(buf[..n], out person) || person is null) continue;
            }
            int offset = ShortFormOffset(i, person);
            if (single)
            {
                var r = _raw[_covered[i]];
                r.Group = person.Group;
                r.Kind = MentionKind.ShortForm;
                r.Start = CharAt(i, WithArticle(i, offset));
                continue;
            }
            AddRaw(i, i + 1, offset, EntityTypes.Person, "person", -1, MentionKind.ShortForm, person.Group, null);
        }
    }

    /// <summary>
    /// Where the short form's name starts in word <paramref name="i"/>: the whole word when the full name has
    /// it whole («فريج» of «مسلم آل فريج», «بورمان» of «فرانك بورمان»), else the lists' reading.
    /// </summary>
    private int ShortFormOffset(int i, Raw person)
    {
        for (int k = person.T0; k < person.T1; k++)
            if (k != i && k > person.T0 && string.Equals(_t[k].Folded, _t[i].Folded, StringComparison.Ordinal)) return 0;
        return _t[i].Best.Offset;
    }

    /// <summary>The offset <paramref name="offset"/> in word <paramref name="i"/> moved back over an article just before it (mentions keep ال).</summary>
    private int WithArticle(int i, int offset)
    {
        var f = _t[i].Folded;
        return offset >= 2 && f[offset - 2] == Marsad.Text.ArabicLetters.Alef && f[offset - 1] == Marsad.Text.ArabicLetters.Lam ? offset - 2 : offset;
    }

    /// <summary>
    /// A person mention of two words or more that is the end of exactly one longer person name of the document
    /// (جاويش أوغلو after مولود جاويش أوغلو, عبد المجيد تبون's تبون is done by <see cref="ShortForms"/>) is that
    /// person: a surname of several words.
    /// </summary>
    private void SurnameChains()
    {
        var people = _raw.Where(r => r.Type == EntityTypes.Person && r.Kind == MentionKind.Name && r.T1 - r.T0 >= 2).ToList();
        foreach (var r in people)
        {
            int len = r.T1 - r.T0;
            string? group = null;
            bool unique = true;
            foreach (var p in people)
            {
                if (p.T1 - p.T0 <= len || !p.Confident || Find(p.Group) == Find(r.Group)) continue;
                bool same = true;
                for (int k = 0; k < len && same; k++) same = SameFormKey(r.T0 + k, p.T1 - len + k);
                if (!same) continue;
                if (group is not null && Find(group) != Find(p.Group)) unique = false;
                group = p.Group;
            }
            if (group is null || !unique) continue;
            r.Group = group;
            r.Kind = MentionKind.ShortForm;
        }
    }

    /// <summary>One of 64 bits for a form key, from its length and last letter (a filter before the tables' lookups).</summary>
    private static ulong KeyBit(ReadOnlySpan<char> key) => key.IsEmpty ? 1UL : 1UL << ((key.Length * 7 + key[^1]) & 63);

    /// <summary>A token's clitic-free form with a mark for its article: the key that short forms are matched on.</summary>
    private string FormKey(int i) => _t[i].Folded.AsSpan(_t[i].Best.Offset).ToString() + (_t[i].Best.Article ? "+" : "");

    /// <summary>
    /// <c>FormKey(i) == FormKey(j)</c> without building the two strings (this runs for every pair of persons): a
    /// word's letters hold no '+', so the keys are equal when the article marks and the letters are.
    /// </summary>
    private bool SameFormKey(int i, int j) => _t[i].Best.Article == _t[j].Best.Article && Bare(i).SequenceEqual(Bare(j));

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
            for (int k = open + 1; k < close; k++) free &= _covered[k] == -1 && _t[k].Word;
            if (!free) continue;
            AddRaw(open + 1, close, 0, r.Type, r.Subtype, r.Target, MentionKind.Alias, r.Group, r.Country);
        }
    }

    // ---------------------------------------------------------------- entities

    /// <summary>
    /// A name that several entries of the lists share (عمان: Amman and Oman; a city and a province of two
    /// countries) is the entry whose country the rest of the document names most: the countries of its other
    /// list mentions (places, demonyms, organisations) are counted, and with none or a tie the lists' default
    /// (a country before a region, a division, a city) stays. Next to a country in a list of countries
    /// («السعودية وعمان») it is the country. A first-level division and another kind of place that share a name
    /// never trade it (the divisions are imported in bulk and often named like a better-known place).
    /// </summary>
    private void ResolveHomonyms()
    {
        List<(Raw Raw, int Token)>? shared = null;
        foreach (var r in _raw)
        {
            if (r.Target < 0 || r.Kind == MentionKind.Alias) continue;
            // the list match that gave the mention its entry: the first one that ends with it («سلطنة عمان», not «عمان»)
            int k = r.T0;
            while (k < r.T1 && !(_lexAt[k].End == r.T1 && _lexAt[k].Payload.Target == r.Target)) k++;
            if (k < r.T1 && _lexAt[k].Homonym) (shared ??= []).Add((r, k));
        }
        if (shared is null) return;
        var countries = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in _raw)
            if (r.Target >= 0 && !shared.Exists(x => x.Raw == r) && _lex.Targets[r.Target].Country is { } c)
                countries[c] = countries.GetValueOrDefault(c) + 1;
        foreach (var (r, k) in shared)
        {
            // a first-level division (thousands, imported in bulk) never takes the name from another kind of place:
            // «إقليم كردستان» stays the Iraqi region in a report that names Iran
            string kind = _lex.Targets[r.Target].Subtype;
            var candidates = _facts.Homonyms(k).FindAll(c => c == r.Target || (_lex.Targets[c].Subtype == "admin1") == (kind == "admin1"));
            int choice = -1;
            if (BesideCountry(r)) choice = candidates.FirstOrDefault(c => _lex.Targets[c].Subtype == "country", -1);
            if (choice < 0)
            {
                int best = 0;
                foreach (var c in candidates)
                {
                    int n = Support(_lex.Targets[c], countries);
                    if (n > best) { best = n; choice = c; }
                    else if (n == best && n > 0) choice = -1; // a tie: the default stays
                }
            }
            if (choice < 0 || choice == r.Target) continue;
            var target = _lex.Targets[choice];
            r.Target = choice;
            r.Type = target.Type;
            r.Subtype = target.Subtype;
            r.Group = "K:" + target.Key;
            r.Country = target.Country;
        }
    }

    /// <summary>How many mentions name the entry's country, or for a region without one, a country inside it.</summary>
    private int Support(LexiconTarget target, Dictionary<string, int> countries)
    {
        if (target.Country is { } c) return countries.GetValueOrDefault(c);
        int n = 0;
        if (target.Place is { } place)
            foreach (var (code, count) in countries)
                if (_lex.Gazetteer.Contains(place.Key, "iso3166:" + code)) n += count;
        return n;
    }

    /// <summary>A country right before or after the mention, joined by و or a comma.</summary>
    private bool BesideCountry(Raw r)
    {
        foreach (var o in _raw)
        {
            if (o == r || o.Target < 0 || o.Kind != MentionKind.Name || _lex.Targets[o.Target].Subtype != "country") continue;
            bool before = (o.T1 == r.T0 && HasWaw(r.T0)) || (o.T1 + 1 == r.T0 && _t[o.T1].Punct is '،' or ',');
            bool after = (r.T1 == o.T0 && HasWaw(o.T0)) || (r.T1 + 1 == o.T0 && _t[r.T1].Punct is '،' or ',');
            if ((before || after) && SameSentence(Math.Min(r.T0, o.T0), Math.Max(r.T0, o.T0))) return true;
        }
        return false;
    }

    private bool HasWaw(int i) => (_doc.Tokens[i].Proclitics & Proclitics.Waw) != 0;

    /// <summary>
    /// A name that the times stage read as (part of) a date is the date's word, not a name: «أبريل/نيسان» is the
    /// month, not Nissan, and «رمضان القادم» no person. Runs after the rules' answers went to the tagger, so the
    /// tagger's features do not depend on whether a times stage ran.
    /// </summary>
    private void DropInsideTimes()
    {
        var times = _doc.Times;
        if (times.Count == 0) return;
        _raw.RemoveAll(r =>
        {
            foreach (var t in times)
                if (t.Start <= r.Start && r.End <= t.End) return true;
            return false;
        });
    }

    private void Emit()
    {
        DropInsideTimes();
        ResolveHomonyms();
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
            // «العاهل السعودي»، «الكاردينال الفرنسي»: an adjective of nationality alone does not name the country
            if (list.TrueForAll(r => r.Kind == MentionKind.Demonym)) continue;
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

    /// <summary>For entities found by rules: the most frequent name mention, the longer on a tie.</summary>
    private string CanonicalText(List<Raw> list) =>
        list.Where(r => r.Kind is MentionKind.Name or MentionKind.Alias)
            .DefaultIfEmpty(list[0])
            .GroupBy(r => _text[r.Start..r.End])
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length)
            .First().Key;
}
