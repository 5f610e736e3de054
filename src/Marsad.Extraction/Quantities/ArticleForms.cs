using Marsad.Analysis;

namespace Marsad.Extraction.Quantities;

/// <summary>
/// The definite article read off a token's Matching-level form, independent of the clitic segmenter's
/// lexicon choices: (و|ف)? (ب|ك|ل)? ال …, or (و|ف)? لل … The lexicons of times and quantities are keyed
/// by the bare word, so الخميس، والخميس، بالأمس، للعام are looked up as خميس، خميس، امس، عام.
/// </summary>
internal static class ArticleForms
{
    /// <summary>The word without its conjunction, preposition and article; the whole word when it has no article.</summary>
    public static ReadOnlySpan<char> Bare(WordToken t) => Bare(t.Norm, out _, out _);

    /// <summary>True when the word carries the article.</summary>
    public static bool Has(WordToken t)
    {
        Bare(t.Norm, out int before, out _);
        return before >= 0;
    }

    /// <summary>How many letters come before the article (و، بـ، وبـ), or -1 without an article; لل counts ل.</summary>
    public static int LettersBeforeArticle(WordToken t)
    {
        Bare(t.Norm, out int before, out _);
        return before;
    }

    /// <summary>True when a preposition (ب ك ل) is glued before the article: بالأمس، للأطفال.</summary>
    public static bool HasPreposition(WordToken t)
    {
        Bare(t.Norm, out _, out bool preposition);
        return preposition;
    }

    public static ReadOnlySpan<char> Bare(string norm, out int lettersBefore, out bool preposition)
    {
        var s = norm.AsSpan();
        lettersBefore = -1;
        preposition = false;
        int p = s.Length > 4 && s[0] is 'و' or 'ف' ? 1 : 0;
        var r = s[p..];
        if (r.Length >= 5 && r[0] is 'ب' or 'ك' && r[1] == 'ا' && r[2] == 'ل')
        {
            preposition = true;
            lettersBefore = p + 1;
            return r[3..];
        }
        if (r.Length >= 4 && r[0] == 'ل' && r[1] == 'ل')
        {
            preposition = true;
            lettersBefore = p + 1;
            return r[2..];
        }
        if (r.Length >= 4 && r[0] == 'ا' && r[1] == 'ل')
        {
            lettersBefore = p;
            return r[2..];
        }
        return s;
    }
}
