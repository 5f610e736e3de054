using Marsad.Analysis;
using Marsad.Text;

namespace Marsad.Extraction.Clusters;

/// <summary>
/// The key a token has in a word-cluster file: the text stage's stem (Matching level, clitic-free) with every
/// digit folded to <c>0</c>, so «2018» and «1999» share the shape <c>0000</c> and «كوفيد19» is <c>كوفيد00</c>.
/// Training and lookup must use this one function, or keys would not meet.
/// </summary>
public static class WordClusterKey
{
    /// <summary>
    /// The key of <paramref name="token"/>, or null for tokens that carry no word context (URL, e-mail, mention,
    /// hashtag, symbol; a key may not start with <c>#</c>, which marks a comment line in the file).
    /// </summary>
    public static string? Of(WordToken token) => token.Kind switch
    {
        TokenKind.Url or TokenKind.Email or TokenKind.Mention or TokenKind.Hashtag or TokenKind.Symbol => null,
        _ when token.Stem.Length == 0 || token.Stem[0] == '#' => null,
        _ => FoldDigits(token.Stem),
    };

    /// <summary><paramref name="stem"/> with each decimal digit (any script) replaced by <c>0</c>; the same string when it has none.</summary>
    public static string FoldDigits(string stem)
    {
        int first = IndexOfDigit(stem);
        if (first < 0) return stem;
        return string.Create(stem.Length, (stem, first), static (dst, st) =>
        {
            st.stem.AsSpan().CopyTo(dst);
            for (int i = st.first; i < dst.Length; i++)
                if (char.IsDigit(dst[i])) dst[i] = '0';
        });
    }

    private static int IndexOfDigit(string s)
    {
        for (int i = 0; i < s.Length; i++)
            if (char.IsDigit(s[i])) return i;
        return -1;
    }
}
