using System.Collections.Frozen;
using Marsad.Analysis;
using Marsad.Extraction.Times;
using Marsad.Text;

namespace Marsad.Extraction.Quantities;

/// <summary>Values of <see cref="QuantityAnnotation.Kind"/>.</summary>
public static class QuantityKinds
{
    public const string Count = "count";
    public const string Percent = "percent";
    public const string Money = "money";
    /// <summary>People killed or injured; the unit is <see cref="Killed"/> or <see cref="Injured"/>.</summary>
    public const string Casualties = "casualties";
    public const string Ordinal = "ordinal";
    /// <summary>بضعة، عشرات، مئات، آلاف … without an exact count; the value is a lower bound.</summary>
    public const string Approximate = "approximate";

    public const string Killed = "killed";
    public const string Injured = "injured";
}

/// <summary>
/// Finds quantities: digits (1,234.5), Arabic-Indic digits (٣٫٥), number words (ستة وثمانون، ثلاثة آلاف),
/// digits with scale words (500 ألف، 1.5 مليون), percentages (25%، 25 في المائة), money (3 مليارات يورو),
/// casualty counts (مقتل 12 شخصا، 20 جريحا) and ordinals after a noun (الاجتماع العاشر).
/// </summary>
/// <remarks>
/// Not quantities: numbers inside a time expression (the times stage runs first), bare years, dates that
/// did not validate (31 فبراير), numbers with '/' or ':' (dates, clock times, ratios), phone- and id-like
/// digit strings (leading zero, ten or more digits) and labels (القرار 2254، المادة 5).
/// The span covers the number with its scale, percent and currency words, not the counted noun, which
/// becomes <see cref="QuantityAnnotation.Unit"/> (singular where the lexicon knows it: جنود → جندي).
/// </remarks>
public sealed class QuantityRecognizer
{
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CurrencySpans =
        QuantityLexicon.Currencies.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;
    private readonly IReadOnlyList<WordToken> _t;
    private readonly List<QuantityAnnotation> _out;

    private QuantityRecognizer(string text, IReadOnlyList<WordToken> tokens, List<QuantityAnnotation> output)
    {
        _text = text;
        _t = tokens;
        _out = output;
    }

    /// <summary>Adds the quantities of <paramref name="tokens"/> outside <paramref name="times"/> to <paramref name="output"/>.</summary>
    public static void Recognize(string text, IReadOnlyList<WordToken> tokens, IReadOnlyList<TimeAnnotation> times, List<QuantityAnnotation> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(output);
        new QuantityRecognizer(text, tokens, output).Run(times);
    }

    private void Run(IReadOnlyList<TimeAnnotation> times)
    {
        int ti = 0;
        int i = 0;
        while (i < _t.Count)
        {
            var t = _t[i];
            while (ti < times.Count && times[ti].End <= t.Start) ti++;
            if (ti < times.Count && times[ti].Start < t.End)
            {
                i++;
                continue; // inside a time expression
            }
            int end = t.Kind switch
            {
                TokenKind.Number or TokenKind.MixedWord => Digits(i),
                TokenKind.ArabicWord => Words(i),
                _ => i,
            };
            // a quantity never runs into a time expression
            i = end > i ? end : i + 1;
        }
    }

    private int Digits(int i)
    {
        var t = _t[i];
        ReadOnlySpan<char> s = t.Norm;
        int startOffset = t.Start;
        if (t.Kind == TokenKind.MixedWord)
        {
            // و86 / ف3 / بـ500 / ل3: a conjunction or preposition glued to digits
            if (s.Length < 2 || s[0] is not ('و' or 'ف' or 'ب' or 'ل' or 'ك') || !char.IsAsciiDigit(s[1])) return i;
            s = s[1..];
            startOffset = t.Start + 1;
            while (startOffset < t.End && !ArabicLetters.IsDigit(_text[startOffset])) startOffset++;
        }
        if (s.Contains('/') || s.Contains(':')) return i;
        if (!NumberParsing.TryParseDigits(s, out double value)) return i;
        bool integer = !s.Contains('.') && !s.Contains(',');
        if (integer && s.Length >= 2 && s[0] == '0') return i;          // 0612…, 007: ids and phone numbers
        if (integer && s.Length >= 10) return i;                         // ids, phone numbers
        if (i > 0 && QuantityLexicon.LabelNouns.Contains(_t[i - 1].Norm)) return i;
        if (IsListMarker(i) || IsScore(i)) return i;
        int j = i + 1;
        // 5،5: an Arabic comma written as the decimal separator (no space on either side)
        if (integer && j + 1 < _t.Count && _t[j].Norm == "،" && _t[j].Start == t.End && _t[j + 1].Start == _t[j].End
            && _t[j + 1].Kind == TokenKind.Number && NumberParsing.TryParseInt(_t[j + 1].Norm, out int frac) && _t[j + 1].Norm.Length <= 2)
        {
            value += frac / Math.Pow(10, _t[j + 1].Norm.Length);
            integer = false;
            j += 2;
        }
        bool approximate = false;
        // scale words: 500 ألف، 1.5 مليون، 3 مليارات
        if (j < _t.Count && IsScale(_t[j].Norm) && NumberWords.TryParse(_t, j, out var scale) && scale.TokenCount == 1)
        {
            value *= scale.Value > 1 && scale.Approximate ? scale.Value / 3 : scale.Value;
            j++;
        }
        bool yearLike = integer && j == i + 1 && s.Length == 4 && value is >= 1900 and <= 2100;
        if (j < _t.Count && IsTimeWord(j)) return i;                     // 31 فبراير: an invalid date, not a count
        // a currency symbol before the number: $5
        string? symbolBefore = i > 0 && _t[i - 1].End == t.Start && QuantityLexicon.CurrencySymbols.TryGetValue(_t[i - 1].Norm, out var sym) ? sym : null;
        int start = symbolBefore is not null ? _t[i - 1].Start : startOffset;
        return Finish(i, start, j, value, approximate, yearLike, symbolBefore);
    }

    private int Words(int i)
    {
        var t = _t[i];
        if (NumberWords.MayStartCardinal(t) && NumberWords.TryParse(_t, i, out var m))
        {
            int j = i + m.TokenCount;
            if (j < _t.Count && IsTimeWord(j)) return j;
            // وثلاثة، بخمسة: the span starts after a glued conjunction or preposition
            int start = t.Start;
            if (!NumberWords.IsPlainNumberWord(t.Norm))
            {
                start++;
                while (start < t.End && (ArabicLetters.IsDiacritic(_text[start]) || _text[start] == ArabicLetters.Tatweel)) start++;
            }
            return Finish(i, start, j, m.Value, m.Approximate, yearLike: false, symbolBefore: null);
        }
        // ordinals after a defined noun: الاجتماع (الوزاري) العاشر
        if (i > 0 && t.Norm.Length >= 5 && _t[i - 1].Kind == TokenKind.ArabicWord && NumberWords.MayBeOrdinal(t) && ArticleForms.Has(_t[i - 1])
            && NumberWords.TryParseOrdinal(_t, i, out int ord, out int n))
        {
            int start = t.Start;
            for (int letters = 0, skip = ArticleForms.LettersBeforeArticle(t); start < t.End && letters < skip; start++)
                if (!ArabicLetters.IsDiacritic(_text[start])) letters++;
            Add(start, _t[i + n - 1].End, ord, null, QuantityKinds.Ordinal);
            return i + n;
        }
        return i;
    }

    /// <summary>What follows the number: percent, currency, a counted noun; what precedes it: a casualty word.</summary>
    private int Finish(int i, int start, int j, double value, bool approximate, bool yearLike, string? symbolBefore)
    {
        int end = _t[j - 1].End;
        string kind = approximate ? QuantityKinds.Approximate : QuantityKinds.Count;
        string? unit = null;
        // percent: 25% / ٢٥٪ / 25 في المائة / 25 بالمئة
        if (j < _t.Count && _t[j].Norm == "%" && _t[j].Start == end)
        {
            Add(start, _t[j].End, value, "%", approximate ? kind : QuantityKinds.Percent);
            return j + 1;
        }
        if (j < _t.Count && QuantityLexicon.PercentWords.Contains(_t[j].Norm))
        {
            Add(start, _t[j].End, value, "%", approximate ? kind : QuantityKinds.Percent);
            return j + 1;
        }
        if (j + 1 < _t.Count && _t[j].Norm == "في" && QuantityLexicon.PercentAfterFi.Contains(_t[j + 1].Norm))
        {
            Add(start, _t[j + 1].End, value, "%", approximate ? kind : QuantityKinds.Percent);
            return j + 2;
        }
        // money: 3 مليارات يورو، مليون دولار أمريكي، 500 ألف درهم، 5$
        if (symbolBefore is not null)
        {
            Add(start, end, value, symbolBefore, approximate ? kind : QuantityKinds.Money);
            return j;
        }
        if (j < _t.Count && _t[j].Start == end && QuantityLexicon.CurrencySymbols.TryGetValue(_t[j].Norm, out var symAfter))
        {
            Add(start, _t[j].End, value, symAfter, approximate ? kind : QuantityKinds.Money);
            return j + 1;
        }
        if (j < _t.Count && _t[j].Kind == TokenKind.ArabicWord && TryCurrency(_t[j], out var code))
        {
            int k = j + 1;
            if (k < _t.Count && QuantityLexicon.CurrencyCountries.TryGetValue(code + " " + _t[k].Norm, out var exact))
            {
                code = exact;
                k++;
            }
            Add(start, _t[k - 1].End, value, code, approximate ? kind : QuantityKinds.Money);
            return k;
        }
        // 2022 on its own is a year, not a count; 2000 جندي is a count
        // 40 مليارا من الدولارات: a partitive currency
        if (j + 1 < _t.Count && _t[j].Norm == "من" && ArticleForms.Has(_t[j + 1]) && TryCurrency(_t[j + 1], out var partCode))
        {
            Add(start, _t[j + 1].End, value, partCode, approximate ? kind : QuantityKinds.Money);
            return j + 2;
        }
        if (yearLike && !(j < _t.Count && QuantityLexicon.CountedNouns.Contains(_t[j].Norm))) return j;
        // casualties: a casualty word before (skipping hedges such as نحو، أكثر من) …
        string? casualty = CasualtyBefore(i);
        // … the counted noun after (86 دولة، ثلاثة جنود، 86 من أعضائه)
        int unitToken = -1;
        if (j < _t.Count && _t[j].Kind == TokenKind.ArabicWord && !QuantityLexicon.NotUnits.Contains(_t[j].Norm) && !NumberWords.IsNumberWord(_t[j].Norm))
            unitToken = j;
        else if (j + 1 < _t.Count && _t[j].Norm == "من" && _t[j + 1].Kind == TokenKind.ArabicWord && !QuantityLexicon.NotUnits.Contains(_t[j + 1].Norm))
            unitToken = j + 1;
        if (unitToken >= 0)
        {
            unit = Singular(_t[unitToken], value);
            string bare = ArticleForms.Has(_t[unitToken]) ? ArticleForms.Bare(_t[unitToken]).ToString() : _t[unitToken].Norm;
            if (QuantityLexicon.KilledNouns.Contains(bare)) casualty = QuantityKinds.Killed;
            else if (QuantityLexicon.InjuredNouns.Contains(bare)) casualty ??= QuantityKinds.Injured;
        }
        // قضى ستة أشهر، قتل منذ 3 سنوات: a duration is not a casualty count
        if (unitToken >= 0 && TimeLexicon.Units.ContainsKey(_t[unitToken].Norm)) casualty = null;
        if (casualty is not null && !approximate)
        {
            Add(start, end, value, casualty, QuantityKinds.Casualties);
            return j;
        }
        Add(start, end, value, unit, kind);
        return j;
    }

    /// <summary>"١- إعلان …": a number opening a line or sentence followed by '-', '.' or ')' numbers a list item.</summary>
    private bool IsListMarker(int i)
    {
        if (i + 1 >= _t.Count || _t[i + 1].Norm is not ("-" or "." or ")" or "–")) return false;
        if (i == 0 || _t[i - 1].Sentence != _t[i].Sentence) return true;
        var gap = _text.AsSpan(_t[i - 1].End, _t[i].Start - _t[i - 1].End);
        return gap.Contains('\n') || _t[i - 1].Norm is "." or ":" or ")" or "؛";
    }

    /// <summary>1-3، 2 - 1، 1-صفر: a score (or a numeric range), not a count.</summary>
    private bool IsScore(int i)
    {
        if (i + 2 < _t.Count && _t[i + 1].Norm is "-" or "–" && (_t[i + 2].Kind == TokenKind.Number || _t[i + 2].Norm == "صفر")) return true;
        return i >= 2 && _t[i - 1].Norm is "-" or "–" && (_t[i - 2].Kind == TokenKind.Number || _t[i - 2].Norm == "صفر");
    }

    private string? CasualtyBefore(int i)
    {
        int k = i - 1;
        int hedges = 0;
        while (k >= 0 && hedges < 4 && QuantityLexicon.Hedges.Contains(_t[k].Norm))
        {
            k--;
            hedges++;
        }
        if (k < 0 || _t[k].Kind != TokenKind.ArabicWord) return null;
        if (QuantityLexicon.KilledBefore.Contains(_t[k].Norm)) return QuantityKinds.Killed;
        if (QuantityLexicon.InjuredBefore.Contains(_t[k].Norm)) return QuantityKinds.Injured;
        return null;
    }

    private static bool TryCurrency(WordToken t, out string code)
    {
        if (QuantityLexicon.Currencies.TryGetValue(t.Norm, out code!)) return true;
        return ArticleForms.Has(t) && CurrencySpans.TryGetValue(ArticleForms.Bare(t), out code!); // ملايين الدولارات
    }

    private static bool IsScale(string norm) => norm is "الف" or "الفا" or "مليون" or "مليونا" or "مليار" or "مليارا" or "مليارات" or "ملايين" or "الاف" or "بليون" or "تريليون";

    private bool IsTimeWord(int j)
    {
        var t = _t[j];
        return t.Kind == TokenKind.ArabicWord && (TimeLexicon.Months.ContainsKey(t.Norm)
            || (TimeLexicon.MonthHeads.Contains(t.Norm) && j + 1 < _t.Count && TimeLexicon.TwoWordMonths.ContainsKey(t.Norm + " " + _t[j + 1].Norm)));
    }

    /// <summary>
    /// The counted noun as a unit: clitic-free stem, singular where known, without the accusative alef of 11–99;
    /// null for a word with a preposition glued to it (بالمجان، للأطفال، بوسائل when the lexicon knows وسائل).
    /// </summary>
    private static string? Singular(WordToken t, double value)
    {
        // بالمجان، للأطفال: a preposition before the article; otherwise the word without its article
        if (ArticleForms.HasPreposition(t)) return null;
        string stem = ArticleForms.Has(t) ? ArticleForms.Bare(t).ToString() : t.Norm;
        if (QuantityLexicon.Singulars.TryGetValue(stem, out var s)) return s;
        // أعضائه → أعضاء: the hamza on ي before a pronoun is a written form of the final hamza
        if (stem.EndsWith('ي') && QuantityLexicon.Singulars.TryGetValue(stem[..^1] + "ء", out s)) return s;
        foreach (var enclitic in QuantityLexicon.Enclitics)
        {
            if (stem.Length > enclitic.Length + 2 && stem.EndsWith(enclitic, StringComparison.Ordinal))
            {
                var bare = stem[..^enclitic.Length];
                if (QuantityLexicon.Singulars.TryGetValue(bare, out s)) return s;
                // أعضائه → أعضاء: the hamza on ي before the pronoun is a written form of the final hamza
                if (bare.EndsWith('ي') && QuantityLexicon.Singulars.TryGetValue(bare[..^1] + "ء", out s)) return s;
            }
        }
        double mod = value % 100;
        if (mod is >= 11 and <= 99 && stem.Length >= 4 && stem[^1] == 'ا' && stem[^2] != 'ا')
            return stem[..^1];
        return stem;
    }

    private void Add(int start, int end, double value, string? unit, string kind) =>
        _out.Add(new QuantityAnnotation { Start = start, End = end, Text = _text[start..end], Value = value, Unit = unit, Kind = kind });
}
