using System.Buffers;
using System.Text;

namespace Marsad.Text;

/// <summary>How far <see cref="ArabicNormalizer"/> folds the text.</summary>
public enum NormalizationLevel
{
    /// <summary>
    /// For showing text: presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) become base letters,
    /// bidi controls and zero-width marks and tatweel are removed. Diacritics and letters stay.
    /// </summary>
    Display = 0,

    /// <summary>
    /// For matching names and lexicons: Display, plus diacritics and Quranic marks removed,
    /// alef forms (أ إ آ ٱ) to ا, ى to ي, ؤ to و, ئ to ي, Persian ی ک to ي ك,
    /// Arabic-Indic and Persian digits to ASCII, Latin letters lower-cased.
    /// </summary>
    Matching = 1,

    /// <summary>
    /// For the search index: Matching, plus ة to ه (writers mix the two at word end), and the hamza seats
    /// ؤ ئ to a bare ء, so that spellings which differ only in the seat (مسؤول / مسئول) meet.
    /// </summary>
    Search = 2,
}

/// <summary>
/// One-pass Arabic normaliser over spans. Output is never longer than <see cref="MaxOutputLength"/>
/// of the input (presentation-form ligatures such as ﻻ expand).
/// </summary>
public static class ArabicNormalizer
{
    // Per level, a map for U+0600–U+06FF: the replacement char, '\0' to delete, or the char itself.
    private static readonly char[][] ArabicBlock = BuildArabicBlockTables();

    // Presentation forms decomposed with NFKC once; most map to one base letter.
    private static readonly string?[] Presentation = BuildPresentationTable();

    private const int PresentationStart = 0xFB50;
    private const int PresentationEnd = 0xFEFF;

    /// <summary>Characters that may need work at any level; text without them is returned as is.</summary>
    private static readonly SearchValues<char> NeedsWork = BuildNeedsWork();

    /// <summary>The longest expansion of one presentation-form character.</summary>
    public const int MaxExpansion = 4;

    public static int MaxOutputLength(int inputLength) => checked(inputLength * MaxExpansion);

    /// <summary>Normalises <paramref name="input"/> at <paramref name="level"/>.</summary>
    public static string Normalize(string input, NormalizationLevel level = NormalizationLevel.Matching)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!NeedsNormalization(input, level))
            return input;
        return Normalize(input.AsSpan(), level);
    }

    public static string Normalize(ReadOnlySpan<char> input, NormalizationLevel level = NormalizationLevel.Matching)
    {
        int max = MaxOutputLength(input.Length);
        char[]? rented = null;
        Span<char> buffer = max <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            int n = Normalize(input, buffer, level);
            return new string(buffer[..n]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>True when the text holds presentation forms (U+FB50–U+FEFF), whose normal form may be longer.</summary>
    public static bool HasPresentationForms(ReadOnlySpan<char> input) =>
        input.IndexOfAnyInRange((char)PresentationStart, (char)PresentationEnd) >= 0;

    /// <summary>True when <see cref="Normalize(string, NormalizationLevel)"/> would change the text.</summary>
    public static bool NeedsNormalization(ReadOnlySpan<char> input, NormalizationLevel level)
    {
        int i = input.IndexOfAny(NeedsWork);
        if (i < 0) return false;
        if (level == NormalizationLevel.Display)
        {
            // Display leaves diacritics, letters, digits and case alone; check precisely.
            for (; i < input.Length; i++)
            {
                char c = input[i];
                if (c == ArabicLetters.Tatweel || ArabicLetters.IsFormatMark(c) || (c >= PresentationStart && c <= PresentationEnd))
                    return true;
            }
            return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the normalised form of <paramref name="input"/> into <paramref name="output"/> and returns
    /// its length. <paramref name="output"/> must hold <see cref="MaxOutputLength"/> chars, or at least
    /// <c>input.Length</c> when the input has no presentation forms. May be used in place (same buffer)
    /// when the input has no presentation forms.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> input, Span<char> output, NormalizationLevel level)
    {
        char[] table = ArabicBlock[(int)level];
        bool fold = level != NormalizationLevel.Display;
        int o = 0;
        for (int i = 0; i < input.Length; i++)
        {
            char c = input[i];
            if (c < 0x80)
            {
                output[o++] = fold && c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
                continue;
            }
            if (c >= '\u0600' && c <= '\u06FF')
            {
                char m = table[c - 0x600];
                if (m != '\0') output[o++] = m;
                continue;
            }
            if (c >= PresentationStart && c <= PresentationEnd)
            {
                string? decomposed = Presentation[c - PresentationStart];
                if (decomposed is null)
                {
                    if (!ArabicLetters.IsFormatMark(c)) output[o++] = c;
                    continue;
                }
                // The decomposition is folded again at this level (e.g. ﺃ → أ → ا at Matching).
                foreach (char d in decomposed)
                {
                    if (d >= '\u0600' && d <= '\u06FF')
                    {
                        char m = table[d - 0x600];
                        if (m != '\0') output[o++] = m;
                    }
                    else if (d != ' ' || o == 0 || output[o - 1] != ' ')
                    {
                        output[o++] = d;
                    }
                }
                continue;
            }
            if (ArabicLetters.IsFormatMark(c))
                continue;
            if (fold)
            {
                if ((c >= '\u08D3' && c <= '\u08FF'))
                    continue; // extended-A Quranic marks
                if (char.IsUpper(c))
                {
                    output[o++] = char.ToLowerInvariant(c);
                    continue;
                }
            }
            output[o++] = c;
        }
        return o;
    }

    /// <summary>
    /// Folds one character the way lexicon keys are folded: the <see cref="NormalizationLevel.Search"/>
    /// rules except that ة stays ة (so كتابه "his book" and كتابة "writing" stay apart).
    /// Returns '\0' for a character that is dropped (diacritic, tatweel, format mark). A presentation
    /// form becomes its base letter when it stands for one letter; a ligature is returned unchanged.
    /// </summary>
    internal static char FoldForLexicon(char c) => LexiconFold[c];

    // One table load per character on the segmenter's hot path; declared after the tables it is built from.
    private static readonly char[] LexiconFold = BuildLexiconFold();

    private static char[] BuildLexiconFold()
    {
        var t = new char[0x10000];
        for (int i = 0; i < t.Length; i++) t[i] = FoldForLexiconSlow((char)i);
        return t;
    }

    private static char FoldForLexiconSlow(char c)
    {
        if (c < 0x80) return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
        if (c >= '\u0600' && c <= '\u06FF')
            return c is ArabicLetters.TehMarbuta or '\u06C3' ? ArabicLetters.TehMarbuta : ArabicBlock[2][c - 0x600];
        if (c >= PresentationStart && c <= PresentationEnd)
        {
            string? decomposed = Presentation[c - PresentationStart];
            if (decomposed is { Length: 1 }) return FoldForLexiconSlow(decomposed[0]);
            return ArabicLetters.IsFormatMark(c) ? '\0' : c;
        }
        if (ArabicLetters.IsFormatMark(c) || (c >= '\u08D3' && c <= '\u08FF')) return '\0';
        return char.IsUpper(c) ? char.ToLowerInvariant(c) : c;
    }

    private static char[][] BuildArabicBlockTables()
    {
        var tables = new char[3][];
        for (int level = 0; level < 3; level++)
        {
            var t = new char[0x100];
            for (int k = 0; k < t.Length; k++)
            {
                char c = (char)(0x600 + k);
                t[k] = c;
                if (c == ArabicLetters.Tatweel || c == '\u061C') { t[k] = '\0'; continue; }
                if (level == 0) continue;
                if (ArabicLetters.IsDiacritic(c)) { t[k] = '\0'; continue; }
                int digit = ArabicLetters.DigitValue(c);
                if (digit >= 0) { t[k] = (char)('0' + digit); continue; }
                t[k] = c switch
                {
                    ArabicLetters.AlefMadda or ArabicLetters.AlefHamzaAbove or ArabicLetters.AlefHamzaBelow
                        or ArabicLetters.AlefWasla or '\u0672' or '\u0673' or '\u0675' => ArabicLetters.Alef,
                    ArabicLetters.YehHamza or ArabicLetters.WawHamza or '\u0676' => level == 2 ? ArabicLetters.Hamza
                        : c == ArabicLetters.YehHamza ? ArabicLetters.Yeh : ArabicLetters.Waw,
                    ArabicLetters.AlefMaksura or ArabicLetters.FarsiYeh or '\u06D0' or '\u06D2' => ArabicLetters.Yeh,
                    ArabicLetters.Keheh or '\u06AA' => ArabicLetters.Kaf,
                    '\u06C0' or '\u06C1' or '\u06D5' => ArabicLetters.Heh, // heh-with-yeh, heh goal, ae
                    '\u06C2' or '\u06C3' => level == 2 ? ArabicLetters.Heh : ArabicLetters.TehMarbuta,
                    ArabicLetters.TehMarbuta => level == 2 ? ArabicLetters.Heh : ArabicLetters.TehMarbuta,
                    '\u066B' => '.', // Arabic decimal separator
                    '\u066C' => ',', // Arabic thousands separator
                    '\u066A' => '%',
                    _ => c,
                };
            }
            tables[level] = t;
        }
        return tables;
    }

    private static string?[] BuildPresentationTable()
    {
        var table = new string?[PresentationEnd - PresentationStart + 1];
        for (int c = PresentationStart; c <= PresentationEnd; c++)
        {
            string s = ((char)c).ToString();
            if (c == 0xFEFF) continue; // BOM / zero-width no-break space
            string d;
            try { d = s.Normalize(NormalizationForm.FormKC); }
            catch (ArgumentException) { continue; }
            if (d == s || d.Length == 0 || d.Length > MaxExpansion) continue;
            table[c - PresentationStart] = d;
        }
        return table;
    }

    private static SearchValues<char> BuildNeedsWork()
    {
        var chars = new List<char>();
        for (char c = 'A'; c <= 'Z'; c++) chars.Add(c);
        for (int c = 0x600; c <= 0x6FF; c++)
        {
            char ch = (char)c;
            if (ArabicBlock[2][c - 0x600] != ch) chars.Add(ch);
        }
        for (int c = 0x08D3; c <= 0x08FF; c++) chars.Add((char)c);
        for (int c = PresentationStart; c <= PresentationEnd; c++) chars.Add((char)c);
        foreach (char c in "\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069") chars.Add(c);
        // Non-ASCII upper-case letters (Latin-1 and beyond) are folded at Matching level.
        for (int c = 0x80; c < 0x600; c++) if (char.IsUpper((char)c)) chars.Add((char)c);
        return SearchValues.Create(chars.Distinct().ToArray());
    }
}
