using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Quantities;

/// <summary>A number read from Arabic number words.</summary>
/// <param name="Value">The value; for approximate words the lower bound (see <see cref="NumberWords"/>).</param>
/// <param name="TokenCount">How many tokens the number covers, from the index it was read at.</param>
/// <param name="Approximate">True for بضعة, عشرات, مئات, آلاف, ملايين … used without an exact count.</param>
public readonly record struct NumberWordMatch(double Value, int TokenCount, bool Approximate);

/// <summary>
/// Reads Arabic cardinal and ordinal number words from normalised tokens (<see cref="WordToken.Norm"/>,
/// Matching level: hamza forms folded, ى → ي, diacritics and tanween gone).
/// <list type="bullet">
/// <item>Cardinals: واحد … عشرة (both genders), أحد عشر … تسعة عشر, عشرون … تسعون, compounds joined by و in
/// the Arabic order unit-then-tens (ستة وثمانون = 86), مئة/مائة, مئتان, ثلاثمئة … تسعمائة (one or two words),
/// ألف/ألفان/آلاف, مليون/ملايين, مليار/مليارات, with و between groups (ثلاثة آلاف وخمسمائة = 3500).
/// Accusative forms (عشرين، ألفا، مليونا) are accepted.</item>
/// <item>Approximate words: بضع/بضعة = 3; a plural of a power of ten used without a count (عشرات, مئات,
/// آلاف, ملايين, مليارات) = 3 × that power, the smallest Arabic plural; they multiply what follows
/// (عشرات الآلاف = 30000). The match says <see cref="NumberWordMatch.Approximate"/>.</item>
/// <item>Ordinals: الأول/الأولى … العاشر/العاشرة, الحادي عشر … التاسع عشر, العشرون, الحادي والعشرون …,
/// with or without the article.</item>
/// </list>
/// A lone واحد/أحد/إحدى is not read as a cardinal (it is far more often "one of", "someone");
/// callers that want it can look it up in their own context.
/// </summary>
public static class NumberWords
{
    private enum Kind : byte { Unit, Ten, Tens, Hundred, Scale, ScaleDual, ScalePlural, Approx }

    private readonly record struct Word(Kind Kind, long Value);

    private static readonly FrozenDictionary<string, Word> Cardinals = BuildCardinals();
    private static readonly FrozenDictionary<string, Word>.AlternateLookup<ReadOnlySpan<char>> CardinalSpans =
        Cardinals.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, int> Ordinals = BuildOrdinals();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> OrdinalSpans =
        Ordinals.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The word "one" in its forms; not a cardinal alone, but part of compounds (واحد وعشرون).</summary>
    private static readonly FrozenSet<string> Ones = new[] { "واحد", "واحدة", "احد", "احدي" }
        .Select(Norm).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="norm"/> (Matching level) is a cardinal or approximate number word.</summary>
    public static bool IsNumberWord(ReadOnlySpan<char> norm) => CardinalSpans.ContainsKey(norm) || (norm.Length > 2 && norm[0] == 'و' && CardinalSpans.ContainsKey(norm[1..]));

    /// <summary>Every form a cardinal's first token can take (with a glued و، ب or ل): a cheap pre-filter for scanners.</summary>
    private static readonly FrozenSet<string> FirstWords = Cardinals.Keys
        .SelectMany(k => new[] { k, "و" + k }.Concat(k.Length >= 4 ? new[] { "ب" + k, "ل" + k } : []))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// True when a cardinal may start at <paramref name="token"/> (one set look-up): scanners call this before
    /// <see cref="TryParse(IReadOnlyList{WordToken}, int, out NumberWordMatch)"/>.
    /// </summary>
    public static bool MayStartCardinal(WordToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Kind == TokenKind.ArabicWord && FirstWords.Contains(token.Norm);
    }

    /// <summary>True when <paramref name="token"/> (with the article) may be an ordinal: الأول … العاشر, العشرون.</summary>
    public static bool MayBeOrdinal(WordToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!ArticleForms.Has(token)) return false;
        var bare = ArticleForms.Bare(token);
        return OrdinalSpans.ContainsKey(bare) || (CardinalSpans.TryGetValue(bare, out var w) && w.Kind == Kind.Tens);
    }

    /// <summary>True when <paramref name="norm"/> is a number word as it stands (not by dropping a glued و).</summary>
    public static bool IsPlainNumberWord(string norm) => Cardinals.ContainsKey(norm);

    /// <summary>Reads a cardinal number written in words starting at <paramref name="index"/>.</summary>
    public static bool TryParse(IReadOnlyList<WordToken> tokens, int index, out NumberWordMatch match)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        match = default;
        long total = 0, group = 0;
        bool approx = false;
        double approxFactor = 0;
        int i = index;
        var last = Kind.Unit;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.ArabicWord) break;
            bool waw;
            if (!TryWord(t.Norm, out var w, out waw) && !(i == index && TryPrepositionWord(t.Norm, out w)))
            {
                // عشرات الآلاف: a plural scale word with the article after an approximate word
                if (!(approx && i > index && ArticleForms.Has(t) && CardinalSpans.TryGetValue(ArticleForms.Bare(t), out w) && w.Kind is Kind.ScalePlural or Kind.Scale))
                    break;
            }
            if (i == index)
            {
                if (w.Kind == Kind.Approx) { approx = true; approxFactor = w.Value; }
                else if (w.Kind == Kind.ScalePlural) { approx = true; approxFactor = 3 * w.Value; } // آلاف alone
                else if (!Add(ref total, ref group, w, tokens, ref i)) break;
                last = w.Kind;
                i++;
                continue;
            }
            if (approx)
            {
                // بضعة آلاف، عشرات الآلاف، مئات الملايين: the approximate count multiplies the scale
                if (waw || w.Kind is not (Kind.Scale or Kind.ScalePlural)) break;
                approxFactor *= w.Value;
                last = w.Kind;
                i++;
                continue;
            }
            bool ok = waw
                ? w.Kind switch
                {
                    Kind.Unit or Kind.Ten => group % 100 == 0 && (group > 0 || total > 0),
                    Kind.Tens => group % 100 < 10 && (group > 0 || total > 0) && last != Kind.Tens,
                    Kind.Hundred => group == 0 && total > 0,
                    Kind.Scale or Kind.ScaleDual => group == 0 && total > 0,
                    _ => false,
                }
                : w.Kind switch
                {
                    // ثلاث مئة
                    Kind.Hundred => last == Kind.Unit && group is >= 1 and <= 9 && w.Value == 100,
                    // ثلاثة آلاف، عشرون ألفا، خمسمائة مليون
                    Kind.Scale or Kind.ScalePlural => group > 0,
                    _ => false,
                };
            if (!ok) break;
            if (!waw && w.Kind == Kind.Hundred) group *= 100;
            else if (!Add(ref total, ref group, w, tokens, ref i)) break;
            last = w.Kind;
            i++;
        }
        int count = i - index;
        if (count == 0) return false;
        if (approx)
        {
            match = new NumberWordMatch(approxFactor, count, true);
            return true;
        }
        long value = total + group;
        // A lone "one" is not a number here (see the class remarks).
        if (value == 0 || (count == 1 && Ones.Contains(StripWaw(tokens[index].Norm)))) return false;
        match = new NumberWordMatch(value, count, false);
        return true;
    }

    /// <summary>Adds one word to the running total; a unit followed by عشر/عشرة is a teen and consumes it.</summary>
    private static bool Add(ref long total, ref long group, Word w, IReadOnlyList<WordToken> tokens, ref int i)
    {
        switch (w.Kind)
        {
            case Kind.Unit:
                if (i + 1 < tokens.Count && tokens[i + 1].Norm is "عشر" or "عشرة")
                {
                    group += w.Value + 10;
                    i++;
                }
                else
                {
                    group += w.Value;
                }
                return true;
            case Kind.Ten:
            case Kind.Tens:
            case Kind.Hundred:
                group += w.Value;
                return true;
            case Kind.Scale:
            case Kind.ScalePlural:
                total += (group == 0 ? 1 : group) * w.Value;
                group = 0;
                return true;
            case Kind.ScaleDual:
                total += w.Value;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a number written in words (or digits) in a short string, e.g. "ستة وثمانون" → 86.</summary>
    public static bool TryParse(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var tokens = Tokens(text);
        if (tokens.Count == 0) return false;
        if (tokens.Count == 1 && tokens[0].Kind == TokenKind.Number)
            return NumberParsing.TryParseDigits(tokens[0].Norm, out value);
        if (!TryParse(tokens, 0, out var m) || m.TokenCount != tokens.Count) return false;
        value = m.Value;
        return true;
    }

    /// <summary>
    /// Reads an ordinal at <paramref name="index"/> (العاشر → 10, التاسعة → 9, الحادي عشر → 11,
    /// الخامس والعشرون → 25, العشرين → 20). <paramref name="tokenCount"/> is how many tokens it covers.
    /// </summary>
    public static bool TryParseOrdinal(IReadOnlyList<WordToken> tokens, int index, out int value, out int tokenCount)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        value = 0;
        tokenCount = 0;
        if (index >= tokens.Count) return false;
        var t = tokens[index];
        if (t.Kind != TokenKind.ArabicWord) return false;
        var stem = OrdinalStem(t);
        if (OrdinalSpans.TryGetValue(stem, out int v))
        {
            value = v;
            tokenCount = 1;
            if (v < 10 && index + 1 < tokens.Count)
            {
                var n = tokens[index + 1];
                if (n.Norm is "عشر" or "عشرة")
                {
                    value = (v == 1 ? 1 : v) + 10;
                    tokenCount = 2;
                }
                else if (n.Kind == TokenKind.ArabicWord && n.Norm.Length > 2 && n.Norm[0] == 'و')
                {
                    // الخامس والعشرون: the tens carry the article after و
                    var rest = n.Norm.AsSpan(1);
                    if (rest.StartsWith("ال")) rest = rest[2..];
                    if (CardinalSpans.TryGetValue(rest, out var w) && w.Kind == Kind.Tens)
                    {
                        value = v + (int)w.Value;
                        tokenCount = 2;
                    }
                }
            }
            return true;
        }
        // العشرون، الثلاثين … (tens with the article are ordinals)
        if (ArticleForms.Has(t) && CardinalSpans.TryGetValue(ArticleForms.Bare(t), out var tens) && tens.Kind == Kind.Tens)
        {
            value = (int)tens.Value;
            tokenCount = 1;
            return true;
        }
        return false;
    }

    /// <summary>Reads one ordinal word such as "العاشر" or "التاسعة" (compounds need the token overload).</summary>
    public static bool TryParseOrdinal(string text, out int value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var tokens = Tokens(text);
        return tokens.Count > 0 && TryParseOrdinal(tokens, 0, out value, out int n) && n == tokens.Count;
    }

    /// <summary>Tokens of a short string as the text stage would make them (for the string overloads and tests).</summary>
    public static List<WordToken> Tokens(string text)
    {
        var list = new List<WordToken>();
        var seg = CliticSegmenter.Default;
        foreach (var tt in ArabicTokenizer.Tokenize(text))
        {
            var word = text.AsSpan(tt.Start, tt.Length);
            string norm = ArabicNormalizer.Normalize(word, NormalizationLevel.Matching);
            int ss = tt.Start, se = tt.End;
            string stem = norm;
            var clitics = Proclitics.None;
            if (tt.Kind == TokenKind.ArabicWord)
            {
                var split = seg.Segment(word);
                if (split.StemStart > 0)
                {
                    ss = tt.Start + split.StemStart;
                    stem = ArabicNormalizer.Normalize(text.AsSpan(ss, se - ss), NormalizationLevel.Matching);
                    clitics = split.Proclitics;
                }
            }
            list.Add(new WordToken(tt.Start, tt.End, tt.Kind, norm, ss, se, stem, clitics, 0));
        }
        return list;
    }

    private static ReadOnlySpan<char> OrdinalStem(WordToken t)
    {
        bool article = ArticleForms.Has(t);
        var s = article ? ArticleForms.Bare(t) : t.Norm.AsSpan();
        if (!article && s.Length > 3 && s[0] == 'و') s = s[1..];
        return s;
    }

    /// <summary>بخمسة، لثلاثة: a preposition glued to the first word of a number (long words only: لست is "I am not").</summary>
    private static bool TryPrepositionWord(string norm, out Word w)
    {
        w = default;
        return norm.Length >= 5 && norm[0] is 'ب' or 'ل' && CardinalSpans.TryGetValue(norm.AsSpan(1), out w);
    }

    private static bool TryWord(string norm, out Word w, out bool waw)
    {
        waw = false;
        if (Cardinals.TryGetValue(norm, out w)) return true;
        if (norm.Length > 2 && norm[0] == 'و' && CardinalSpans.TryGetValue(norm.AsSpan(1), out w))
        {
            waw = true;
            return true;
        }
        return false;
    }

    private static string StripWaw(string norm) => norm.Length > 2 && norm[0] == 'و' && Cardinals.ContainsKey(norm[1..]) ? norm[1..] : norm;

    private static string Norm(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Matching);

    private static FrozenDictionary<string, Word> BuildCardinals()
    {
        var d = new Dictionary<string, Word>(StringComparer.Ordinal);
        void Add(Kind k, long v, params string[] words)
        {
            foreach (var w in words) d[Norm(w)] = new Word(k, v);
        }
        Add(Kind.Unit, 1, "واحد", "واحدة", "أحد", "إحدى");
        Add(Kind.Unit, 2, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "إثنان", "إثنين");
        Add(Kind.Unit, 3, "ثلاث", "ثلاثة");
        Add(Kind.Unit, 4, "أربع", "أربعة");
        Add(Kind.Unit, 5, "خمس", "خمسة");
        Add(Kind.Unit, 6, "ست", "ستة");
        Add(Kind.Unit, 7, "سبع", "سبعة");
        Add(Kind.Unit, 8, "ثمان", "ثماني", "ثمانية");
        Add(Kind.Unit, 9, "تسع", "تسعة");
        Add(Kind.Ten, 10, "عشر", "عشرة");
        string[] tens = ["عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"];
        for (int k = 0; k < tens.Length; k++)
            Add(Kind.Tens, (k + 2) * 10, tens[k] + "ون", tens[k] + "ين");
        Add(Kind.Hundred, 100, "مئة", "مائة", "مئه", "مائه", "مية");
        Add(Kind.Hundred, 200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي");
        string[] hundreds = ["ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"];
        for (int k = 0; k < hundreds.Length; k++)
            Add(Kind.Hundred, (k + 3) * 100, hundreds[k] + "مئة", hundreds[k] + "مائة");
        Add(Kind.Hundred, 800, "ثمانمئة", "ثمانمائة", "ثمانيمئة", "ثمانيمائة");
        Add(Kind.Scale, 1_000, "ألف", "ألفا");
        Add(Kind.ScaleDual, 2_000, "ألفان", "ألفين", "ألفي");
        Add(Kind.ScalePlural, 1_000, "آلاف", "الاف");
        Add(Kind.Scale, 1_000_000, "مليون", "مليونا");
        Add(Kind.ScaleDual, 2_000_000, "مليونان", "مليونين", "مليوني");
        Add(Kind.ScalePlural, 1_000_000, "ملايين");
        Add(Kind.Scale, 1_000_000_000, "مليار", "مليارا", "بليون", "بليونا");
        Add(Kind.ScaleDual, 2_000_000_000, "ملياران", "مليارين", "ملياري");
        Add(Kind.ScalePlural, 1_000_000_000, "مليارات", "بلايين");
        Add(Kind.Scale, 1_000_000_000_000, "تريليون", "تريليونا");
        Add(Kind.ScalePlural, 1_000_000_000_000, "تريليونات");
        Add(Kind.Approx, 3, "بضع", "بضعة");
        Add(Kind.Approx, 30, "عشرات");
        Add(Kind.Approx, 300, "مئات", "مئآت");
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, int> BuildOrdinals()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int v, params string[] words)
        {
            foreach (var w in words) d[Norm(w)] = v;
        }
        Add(1, "أول", "أولى", "حادي", "حادية");
        Add(2, "ثاني", "ثانية");
        Add(3, "ثالث", "ثالثة");
        Add(4, "رابع", "رابعة");
        Add(5, "خامس", "خامسة");
        Add(6, "سادس", "سادسة");
        Add(7, "سابع", "سابعة");
        Add(8, "ثامن", "ثامنة");
        Add(9, "تاسع", "تاسعة");
        Add(10, "عاشر", "عاشرة");
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
