using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Search;

/// <summary>
/// Replaces each Arabic term by its stem as found by <see cref="CliticSegmenter"/>: proclitics
/// (و ف ب ل ك س, the article ال, لل), enclitic pronouns and the accusative alif come off when the lexicon
/// allows, so التحالف، للتحالف، بالتحالف، والتحالف index as one term. It runs on the word as written, before
/// normalisation, so that ة/ه and hamza folding can neither invent a clitic nor hide one (وفده keeps its
/// pronoun, إليهم has no article). A stem of one letter (له → ل) leaves the word whole for the stop filter.
/// Terms marked as keywords are left alone.
/// </summary>
public sealed class ArabicCliticFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;
    private readonly CliticSegmenter _segmenter;
    private readonly SegmentationCache _cache = new();

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
        var term = new ReadOnlySpan<char>(buffer, 0, length);
        ulong hash = SegmentationCache.Hash(term);
        if (!_cache.TryGet(hash, out int start, out int end, out bool teh))
        {
            var split = _segmenter.Segment(term);
            (start, end, teh) = (split.StemStart, split.StemEnd, split.TehMarbutaBeforePronoun);
            _cache.Add(hash, start, end, teh);
        }
        if ((start > 0 || end < length) && end - start >= CliticSegmenter.MinStem)
        {
            if (start > 0) Array.Copy(buffer, start, buffer, 0, end - start);
            _term.Length = end - start;
            // حكومته → حكومت → حكومة: the noun's own ة (normalisation then folds it like any other).
            if (teh) buffer[end - start - 1] = ArabicLetters.TehMarbuta;
        }
        return true;
    }
}
