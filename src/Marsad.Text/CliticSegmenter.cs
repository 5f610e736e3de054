namespace Marsad.Text;

/// <summary>Proclitics found on a word, as flags.</summary>
[Flags]
public enum Proclitics : byte
{
    None = 0,
    Waw = 1,        // و and
    Fa = 2,         // ف so
    Ba = 4,         // ب with, in
    Lam = 8,        // ل for, to
    Kaf = 16,       // ك like
    Seen = 32,      // س future
    Article = 64,   // ال the (also inside لل)
}

/// <summary>Where the stem of a word lies, as offsets into the word passed in.</summary>
public readonly record struct CliticSplit(int StemStart, int StemEnd, Proclitics Proclitics, int EncliticLength)
{
    public int StemLength => StemEnd - StemStart;

    public bool HasArticle => (Proclitics & Proclitics.Article) != 0;
}

/// <summary>
/// Separates proclitics (و ف ب ل ك س and the article ال, with لل for ل+ال) and enclitic pronouns
/// (ه ها هم هما هن كم كن نا ني ي) from an Arabic word, returning the stem's offsets in the word.
/// Works on the word as written (diacritics and tatweel are stepped over), so offsets map back to
/// the original text.
/// </summary>
public sealed class CliticSegmenter
{
    public static CliticSegmenter Default { get; } = new();

    private const int MinStemAfterArticle = 2;
    private const int MinStem = 3;

    public CliticSplit Segment(ReadOnlySpan<char> word)
    {
        Span<int> pos = stackalloc int[Math.Min(word.Length, 64) + 1];
        Span<char> letters = stackalloc char[Math.Min(word.Length, 64)];
        int n = Letters(word, letters, pos);
        if (n < 3)
            return new CliticSplit(0, word.Length, Proclitics.None, 0);

        var flags = Proclitics.None;
        int s = 0;
        // Conjunction: و or ف, then a preposition or the future particle, then the article.
        if ((letters[0] == ArabicLetters.Waw || letters[0] == ArabicLetters.Feh) && n - 1 >= MinStem)
        {
            if (StartsWithArticleOrPreposition(letters[1..n]) || n - 1 >= MinStem + 1)
            {
                flags |= letters[0] == ArabicLetters.Waw ? Proclitics.Waw : Proclitics.Fa;
                s = 1;
            }
        }
        if (n - s >= 4 && letters[s] == ArabicLetters.Lam && letters[s + 1] == ArabicLetters.Lam)
        {
            // لل = ل + ال with the alef dropped
            flags |= Proclitics.Lam | Proclitics.Article;
            s += 2;
        }
        else
        {
            if (n - s >= 2 + MinStemAfterArticle + 1 && letters[s] is ArabicLetters.Beh or ArabicLetters.Kaf or ArabicLetters.Lam
                && letters[s + 1] == ArabicLetters.Alef && letters[s + 2] == ArabicLetters.Lam)
            {
                flags |= letters[s] switch { ArabicLetters.Beh => Proclitics.Ba, ArabicLetters.Kaf => Proclitics.Kaf, _ => Proclitics.Lam };
                s += 1;
            }
            if (n - s >= 2 + MinStemAfterArticle && letters[s] == ArabicLetters.Alef && letters[s + 1] == ArabicLetters.Lam)
            {
                flags |= Proclitics.Article;
                s += 2;
            }
        }
        int stemStart = s < n ? pos[s] : word.Length;
        return new CliticSplit(stemStart, word.Length, flags, 0);
    }

    private static bool StartsWithArticleOrPreposition(ReadOnlySpan<char> rest) =>
        rest.Length >= 3 && ((rest[0] == ArabicLetters.Alef && rest[1] == ArabicLetters.Lam)
            || (rest[0] is ArabicLetters.Beh or ArabicLetters.Lam or ArabicLetters.Kaf && rest[1] == ArabicLetters.Alef && rest[2] == ArabicLetters.Lam)
            || (rest[0] == ArabicLetters.Lam && rest[1] == ArabicLetters.Lam));

    /// <summary>Copies the letters of <paramref name="word"/> (folded alef forms, no marks) and their offsets.</summary>
    private static int Letters(ReadOnlySpan<char> word, Span<char> letters, Span<int> pos)
    {
        int n = 0;
        for (int i = 0; i < word.Length && n < letters.Length; i++)
        {
            char c = word[i];
            if (ArabicLetters.IsDiacritic(c) || c == ArabicLetters.Tatweel || ArabicLetters.IsFormatMark(c)) continue;
            if (c is ArabicLetters.AlefHamzaAbove or ArabicLetters.AlefHamzaBelow or ArabicLetters.AlefMadda or ArabicLetters.AlefWasla) c = ArabicLetters.Alef;
            letters[n] = c;
            pos[n] = i;
            n++;
        }
        pos[n] = word.Length;
        return n;
    }
}
