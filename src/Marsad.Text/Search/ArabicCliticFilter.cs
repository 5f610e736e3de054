using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Search;

/// <summary>
/// Replaces each Arabic term by its stem as found by <see cref="CliticSegmenter"/>: proclitics
/// (و ف ب ل ك س, the article ال, لل) and enclitic pronouns come off when the lexicon allows, so
/// التحالف، للتحالف، بالتحالف، والتحالف index as one term. Terms marked as keywords are left alone.
/// </summary>
public sealed class ArabicCliticFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;
    private readonly CliticSegmenter _segmenter;

    public ArabicCliticFilter(TokenStream input, CliticSegmenter? segmenter = null) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
        _segmenter = segmenter ?? CliticSegmenter.Default;
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        int length = _term.Length;
        char[] buffer = _term.Buffer;
        if (_keyword.IsKeyword || length < 3 || !ArabicLetters.IsArabicLetter(buffer[0])) return true;
        var split = _segmenter.SegmentSearchTerm(new ReadOnlySpan<char>(buffer, 0, length));
        if (split.StemStart > 0 || split.StemEnd < length)
        {
            int n = split.StemEnd - split.StemStart;
            if (n > 0)
            {
                if (split.StemStart > 0) Array.Copy(buffer, split.StemStart, buffer, 0, n);
                _term.Length = n;
            }
        }
        return true;
    }
}
