namespace Marsad.Text.Search;

/// <summary>
/// A conservative light stemmer for search-normalised Arabic (after <see cref="NormalizationLevel.Search"/>
/// and clitic removal), after Larkey's Light10, editing a buffer in place:
/// <list type="bullet">
/// <item>suffixes ها ان ات ون ين يه (ية) then ه (ة) then ي, each removed at most once, in that order;</item>
/// <item>a suffix is removed only when at least <see cref="MinStem"/> letters remain, so short words
/// (دول، عمان، بيت) keep their letters.</item>
/// </list>
/// Prefixes are not handled here: the article and the one-letter proclitics are the clitic filter's job,
/// which checks them against the stem lexicon.
/// </summary>
public static class ArabicLightStemmer
{
    /// <summary>The fewest letters a stem keeps.</summary>
    public const int MinStem = 3;

    // Two-letter suffixes in Light10's order; after search normalisation ة is ه, so ية is يه.
    private static readonly string[] TwoLetter = ["ها", "ان", "ات", "ون", "ين", "يه"];

    /// <summary>Stems <paramref name="buffer"/>[0..length) in place and returns the new length.</summary>
    public static int Stem(Span<char> buffer, int length)
    {
        if (length <= MinStem || !ArabicLetters.IsArabicLetter(buffer[0])) return length;
        var word = buffer[..length];
        foreach (string suffix in TwoLetter)
        {
            if (length - 2 >= MinStem && word[..length].EndsWith(suffix))
                length -= 2;
        }
        if (length - 1 >= MinStem && word[length - 1] == ArabicLetters.Heh) length--;
        if (length - 1 >= MinStem && word[length - 1] == ArabicLetters.Yeh) length--;
        return length;
    }
}
