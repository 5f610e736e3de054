using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Search;

/// <summary>
/// Applies <see cref="ArabicNormalizer"/> at <see cref="NormalizationLevel.Search"/> to each term, in place
/// on the term buffer: diacritics, tatweel and format marks out; أ إ آ ٱ → ا, ى ئ → ي, ؤ → و, ة → ه;
/// Arabic-Indic and Persian digits to ASCII; presentation forms to base letters; Latin lower-cased.
/// Terms that normalise to nothing (a lone diacritic) are dropped.
/// </summary>
public sealed class ArabicSearchNormalizationFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _posInc;
    private char[] _scratch = new char[64];

    public ArabicSearchNormalizationFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        int skipped = 0;
        while (m_input.IncrementToken())
        {
            char[] buffer = _term.Buffer;
            int length = _term.Length;
            var term = new ReadOnlySpan<char>(buffer, 0, length);
            if (ArabicNormalizer.NeedsNormalization(term, NormalizationLevel.Search))
            {
                if (ArabicNormalizer.HasPresentationForms(term))
                {
                    // Ligatures expand (ﻻ → لا): normalise into a scratch buffer, then copy back.
                    int max = ArabicNormalizer.MaxOutputLength(length);
                    if (_scratch.Length < max) _scratch = new char[Math.Max(max, _scratch.Length * 2)];
                    int n = ArabicNormalizer.Normalize(term, _scratch, NormalizationLevel.Search);
                    _term.CopyBuffer(_scratch, 0, n);
                    length = n;
                }
                else
                {
                    // Without presentation forms the output is never longer: normalise in place.
                    length = ArabicNormalizer.Normalize(term, buffer.AsSpan(0, length), NormalizationLevel.Search);
                    _term.Length = length;
                }
            }
            if (length == 0)
            {
                skipped += _posInc.PositionIncrement;
                continue;
            }
            if (skipped > 0) _posInc.PositionIncrement += skipped;
            return true;
        }
        return false;
    }
}
