namespace Marsad.Text;

/// <summary>
/// Splits text into tokens with offsets into the original: Arabic, Latin and mixed words (diacritics,
/// tatweel and zero-width joiners stay inside the word), numbers with internal separators, URLs,
/// e-mail addresses, hashtags and @mentions, punctuation and symbols. Whitespace yields nothing.
/// Allocation-free: enumerate with <c>foreach (var t in ArabicTokenizer.Tokenize(span))</c>.
/// </summary>
public static class ArabicTokenizer
{
    // Character classes, one byte per UTF-16 code unit, computed once from the predicates below so
    // that the scanner does one table load per character instead of a chain of range tests.
    private const byte Space = 1, ArabicLetter = 2, Letter = 4, Mark = 8, Digit = 16, Joiner = 32;
    private static readonly byte[] Classes = BuildClasses();

    private static byte[] BuildClasses()
    {
        var t = new byte[0x10000];
        for (int i = 0; i < t.Length; i++)
        {
            char c = (char)i;
            byte k = 0;
            if (IsSpaceSlow(c)) k |= Space;
            if (ArabicLetters.IsArabicLetter(c) || (c >= '\uFB50' && c <= '\uFEFC')) k |= ArabicLetter;
            if (char.IsLetter(c)) k |= Letter;
            if (ArabicLetters.IsDiacritic(c) || c == ArabicLetters.Tatweel
                || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                    or System.Globalization.UnicodeCategory.SpacingCombiningMark) k |= Mark;
            if (ArabicLetters.IsDigit(c) || char.IsDigit(c)) k |= Digit;
            if (c is '\u200C' or '\u200D') k |= Joiner;
            t[i] = k;
        }
        return t;
    }

    public static Enumerator Tokenize(ReadOnlySpan<char> text) => new(text);

    /// <summary>
    /// Reads the token at or after <paramref name="position"/> and moves <paramref name="position"/> past it;
    /// false at the end of the text. For callers that cannot hold a ref struct (a Lucene tokenizer).
    /// </summary>
    public static bool TryNext(ReadOnlySpan<char> text, ref int position, out TextToken token) =>
        Enumerator.Next(text, ref position, out token);

    /// <summary>Convenience for callers that want a list (tests, small texts).</summary>
    public static List<TextToken> ToList(ReadOnlySpan<char> text)
    {
        var list = new List<TextToken>(Math.Max(4, text.Length / 5));
        foreach (var t in Tokenize(text)) list.Add(t);
        return list;
    }

    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<char> _text;
        private int _pos;

        internal Enumerator(ReadOnlySpan<char> text)
        {
            _text = text;
            _pos = 0;
            Current = default;
        }

        public TextToken Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (!Next(_text, ref _pos, out var token)) return false;
            Current = token;
            return true;
        }

        internal static bool Next(ReadOnlySpan<char> text, ref int position, out TextToken token)
        {
            int i = position;
            while (i < text.Length && (Classes[text[i]] & Space) != 0) i++;
            if (i >= text.Length)
            {
                position = i;
                token = default;
                return false;
            }
            int start = i;
            char c = text[i];
            TokenKind kind;
            int end;
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && (end = MatchUrl(text, i)) > i)
            {
                kind = TokenKind.Url;
            }
            else if ((c == '#' || c == '@') && i + 1 < text.Length && IsWordChar(text[i + 1]))
            {
                end = i + 1;
                while (end < text.Length && (IsWordChar(text[end]) || text[end] == '_' || IsJoiner(text[end]))) end++;
                kind = c == '#' ? TokenKind.Hashtag : TokenKind.Mention;
            }
            else if (ArabicLetters.IsDigit(c))
            {
                end = ScanNumber(text, i);
                // Digits glued to Latin letters form one mixed token (5G, 4K); before Arabic letters the
                // number stands alone, as in 2023م or ١٤٤٤هـ, where the letter is an era or unit mark.
                if (end < text.Length && IsLetterLike(text[end]) && (Classes[text[end]] & ArabicLetter) == 0)
                {
                    end = ScanWord(text, end, out _);
                    kind = TokenKind.MixedWord;
                }
                else
                {
                    kind = TokenKind.Number;
                }
            }
            else if (IsLetterLike(c))
            {
                end = ScanWord(text, i, out kind);
                int at = end < text.Length && text[end] == '@' ? ScanEmail(text, start, end) : -1;
                if (at > 0)
                {
                    end = at;
                    kind = TokenKind.Email;
                }
            }
            else
            {
                end = i + 1;
                if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end])) end++;
                kind = IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
                // Runs of the same punctuation (… ... !!) are one token.
                if (kind == TokenKind.Punctuation)
                    while (end < text.Length && text[end] == c) end++;
            }
            position = end;
            token = new TextToken(start, end - start, kind);
            return true;
        }

        private static int ScanWord(ReadOnlySpan<char> text, int i, out TokenKind kind)
        {
            bool arabic = false, latin = false, digit = false;
            byte[] classes = Classes;
            int end = i;
            while (end < text.Length)
            {
                char c = text[end];
                byte k = classes[c];
                if ((k & ArabicLetter) != 0) arabic = true;
                else if ((k & Mark) != 0) { }
                else if ((k & Joiner) != 0)
                {
                    // A zero-width joiner only counts inside a word.
                    if (end + 1 >= text.Length || !IsLetterLike(text[end + 1])) break;
                }
                else if ((k & Letter) != 0) latin = true;
                else if ((k & Digit) != 0)
                {
                    // Digits after Arabic letters stay in the word (كوفيد19); after Latin ones too (G5).
                    digit = true;
                }
                else if ((c == '\'' || c == '\u2019' || c == '-') && latin && !arabic
                         && end + 1 < text.Length && text[end + 1] < '\u0600' && (classes[text[end + 1]] & Letter) != 0)
                {
                    // Latin contractions and hyphenated names stay one token (O'Neill, al-Qaeda).
                }
                else break;
                end++;
            }
            kind = (arabic && latin) || digit ? TokenKind.MixedWord : arabic ? TokenKind.ArabicWord : TokenKind.LatinWord;
            return end;
        }

        private static int ScanNumber(ReadOnlySpan<char> text, int i)
        {
            int end = i;
            while (end < text.Length)
            {
                char c = text[end];
                if (ArabicLetters.IsDigit(c)) { end++; continue; }
                // A separator stays inside the number only between two digits.
                if (c is ',' or '.' or '/' or ':' or '\u066B' or '\u066C' && end + 1 < text.Length && ArabicLetters.IsDigit(text[end + 1]))
                {
                    end += 2;
                    continue;
                }
                break;
            }
            return end;
        }

        private static int ScanEmail(ReadOnlySpan<char> text, int start, int at)
        {
            int end = at + 1;
            int dots = 0;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-' or '_'))
            {
                if (text[end] == '.') dots++;
                end++;
            }
            while (end > at + 1 && text[end - 1] == '.') { end--; dots--; }
            for (int k = start; k < at; k++)
                if (!char.IsAsciiLetterOrDigit(text[k]) && text[k] is not ('.' or '-' or '_' or '+')) return -1;
            return dots > 0 && end > at + 2 ? end : -1;
        }

        private static int MatchUrl(ReadOnlySpan<char> text, int i)
        {
            var rest = text[i..];
            int prefix = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
                : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
                : rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 4 : 0;
            if (prefix == 0) return i;
            int end = i + prefix;
            while (end < text.Length && !IsSpace(text[end]) && text[end] is not ('"' or '<' or '>' or '«' or '»' or '،')) end++;
            // Trailing sentence punctuation is not part of the URL.
            while (end > i + prefix && text[end - 1] is '.' or ',' or ')' or ';' or ':' or '!' or '?' or '؟' or '\'') end--;
            return end > i + prefix ? end : i;
        }
    }

    /// <summary>White space, bidi controls and zero-width characters other than the joiners.</summary>
    public static bool IsSpace(char c) => (Classes[c] & Space) != 0;

    private static bool IsSpaceSlow(char c) => c is ' ' or '\t' or '\n' or '\r' or '\u00A0' or '\u2028' or '\u2029' or '\f' or '\v'
        || (c >= '\u2000' && c <= '\u200A') || c == '\u3000' || c == '\u202F' || c == '\u205F'
        || (ArabicLetters.IsFormatMark(c) && c != '\u200C' && c != '\u200D');

    private static bool IsJoiner(char c) => (Classes[c] & Joiner) != 0;

    private static bool IsWordChar(char c) => (Classes[c] & (Letter | Mark | Digit)) != 0;

    private static bool IsLetterLike(char c) => (Classes[c] & (Letter | Mark)) != 0;

    public static bool IsPunctuation(char c) => char.IsPunctuation(c) || c is '،' or '؛' or '؟' or '«' or '»' or '٪';
}
