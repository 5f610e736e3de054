using Marsad.Text;

namespace Marsad.Analysis;

/// <summary>
/// A token of the document with its normalised forms beside the original offsets. For Arabic
/// words the stem is the word without its clitics; <see cref="StemStart"/>/<see cref="StemEnd"/>
/// are offsets into the document text, so a match on the stem can report a span without و ب ل ال.
/// </summary>
public sealed record WordToken(
    int Start,
    int End,
    TokenKind Kind,
    /// <summary>The whole token at Matching level.</summary>
    string Norm,
    int StemStart,
    int StemEnd,
    /// <summary>The stem at Matching level (equal to <see cref="Norm"/> when there are no clitics).</summary>
    string Stem,
    Proclitics Proclitics,
    int Sentence)
{
    /// <summary>Letters of the enclitic pronoun after the stem (ه ها هم ك نا ي …), as the text stage's segmenter found it; 0 when none.</summary>
    public int EncliticLength { get; init; }

    /// <summary>The stem is a word of the text stage's stem lexicon (an Arabic dictionary word, not a name or a foreign word).</summary>
    public bool StemInLexicon { get; init; }

    public bool IsWord => Kind is TokenKind.ArabicWord or TokenKind.LatinWord or TokenKind.MixedWord or TokenKind.Hashtag;
    public bool IsArabic => Kind == TokenKind.ArabicWord;
    public bool HasArticle => (Proclitics & Proclitics.Article) != 0;
}
