namespace Marsad.Text;

/// <summary>What a token is. Values are stable: they are stored.</summary>
public enum TokenKind : byte
{
    ArabicWord = 1,
    LatinWord = 2,
    /// <summary>Letters of two scripts, or letters and digits, with no break (MBC4, 5G, كوفيد19).</summary>
    MixedWord = 3,
    /// <summary>A number with its internal separators: 1,234.5 · ٣٫٥ · 10/06/2023 · 12:30.</summary>
    Number = 4,
    Punctuation = 5,
    Url = 6,
    Email = 7,
    Hashtag = 8,
    Mention = 9,
    Symbol = 10,
}

/// <summary>A token as offsets into the text it came from; no string is made.</summary>
public readonly record struct TextToken(int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;

    public bool IsWord => Kind is TokenKind.ArabicWord or TokenKind.LatinWord or TokenKind.MixedWord or TokenKind.Hashtag;

    public ReadOnlySpan<char> Slice(ReadOnlySpan<char> text) => text.Slice(Start, Length);

    public string ToString(string text) => text.Substring(Start, Length);
}

/// <summary>A half-open range [Start, End) of UTF-16 offsets.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Contains(TextRange other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(TextRange other) => other.Start < End && Start < other.End;
}
