using Marsad.Text;

namespace Marsad.Extraction.Places;

/// <summary>
/// The form names are compared in: Matching-level normalisation (no diacritics, one alef, ى→ي)
/// plus ة→ه, because writers mix the two at word end.
/// </summary>
public static class NameFolding
{
    public const int MaxWord = 64;

    /// <summary>The folded form of a whole name (words kept, white space folded to one space).</summary>
    public static string Fold(string name)
    {
        var norm = ArabicNormalizer.Normalize(name, NormalizationLevel.Matching);
        Span<char> buf = norm.Length <= 256 ? stackalloc char[norm.Length] : new char[norm.Length];
        int n = 0;
        bool space = false;
        foreach (char c in norm)
        {
            if (char.IsWhiteSpace(c)) { space = n > 0; continue; }
            if (space) buf[n++] = ' ';
            space = false;
            buf[n++] = c == ArabicLetters.TehMarbuta ? ArabicLetters.Heh : c;
        }
        return new string(buf[..n]);
    }

    /// <summary>Copies an already Matching-normalised word into <paramref name="dest"/> with ة→ه.</summary>
    public static int FoldWord(ReadOnlySpan<char> norm, Span<char> dest)
    {
        int n = Math.Min(norm.Length, dest.Length);
        for (int i = 0; i < n; i++)
        {
            char c = norm[i];
            dest[i] = c == ArabicLetters.TehMarbuta ? ArabicLetters.Heh : c;
        }
        return n;
    }

    /// <summary>The words of a name as folded strings (tokenised like documents are).</summary>
    public static string[] Words(string name)
    {
        var list = new List<string>();
        foreach (var t in ArabicTokenizer.Tokenize(name.AsSpan()))
        {
            if (t.Kind == TokenKind.Punctuation && name[t.Start] is '-' or '–') { list.Add("-"); continue; }
            list.Add(Fold(name.Substring(t.Start, t.Length)));
        }
        return [.. list];
    }

    /// <summary>True for a folded word that starts with the article ال and has at least two letters after it.</summary>
    public static bool HasArticle(ReadOnlySpan<char> word) =>
        word.Length >= 4 && word[0] == ArabicLetters.Alef && word[1] == ArabicLetters.Lam;
}
