using System.Collections.Frozen;
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
    // This stream's segmentations (an analyzer reuses its streams per thread): stem start and end (16 bits each),
    // ة before the pronoun (1), the inflection's length (8) and its base's unwritten ة (1).
    private readonly WordCache _cache = new();

    // Words the stop filter drops as written (في، من، إلى): no need to segment them. Empty: none.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _skip;
    private readonly int _skipMaxLength;

    /// <param name="input">The tokens, as written.</param>
    /// <param name="segmenter">The segmenter (default: <see cref="CliticSegmenter.Default"/>).</param>
    /// <param name="stopWords">Words passed on unsegmented because the stop filter drops them anyway.</param>
    public ArabicCliticFilter(TokenStream input, CliticSegmenter? segmenter = null, FrozenSet<string>? stopWords = null) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
        _segmenter = segmenter ?? CliticSegmenter.Default;
        var skip = stopWords ?? FrozenSet<string>.Empty;
        _skip = skip.GetAlternateLookup<ReadOnlySpan<char>>();
        _skipMaxLength = skip.Count == 0 ? 0 : skip.Max(w => w.Length);
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        int length = _term.Length;
        char[] buffer = _term.Buffer;
        if (_keyword.IsKeyword || length < 3 || !ArabicLetters.IsArabicLetter(buffer[0])) return true;
        var term = new ReadOnlySpan<char>(buffer, 0, length);
        if (length <= _skipMaxLength && _skip.Contains(term)) return true;
        ulong hash = WordCache.Hash(term);
        int start, end, inflection;
        bool tehBeforePronoun, baseTeh;
        if (_cache.TryGet(hash, out ulong v))
        {
            (start, end, tehBeforePronoun) = ((int)(v & 0xFFFF), (int)(v >> 16 & 0xFFFF), (v >> 32 & 1) != 0);
            (inflection, baseTeh) = ((int)(v >> 33 & 0xFF), (v >> 41 & 1) != 0);
        }
        else
        {
            var split = _segmenter.Segment(term);
            (start, end, tehBeforePronoun) = (split.StemStart, split.StemEnd, split.TehMarbutaBeforePronoun);
            baseTeh = false;
            inflection = tehBeforePronoun ? 0 : _segmenter.InflectionOf(term[start..end], out baseTeh);
            if (end <= 0xFFFF) _cache.Add(hash, (uint)start | (ulong)(uint)end << 16 | (tehBeforePronoun ? 1UL << 32 : 0) | (ulong)(uint)inflection << 33
                | (baseTeh ? 1UL << 41 : 0));
        }
        int stemEnd = end;
        if (end - start < CliticSegmenter.MinStem) return true;
        // The lexicon's base form where it confirmed an ending (آيات → آية، بدأت → بدأ), so that plural, dual
        // and verb forms meet; the light stemmer then works on the base.
        if (inflection > 0 && end - start - inflection >= CliticSegmenter.MinStem) end -= inflection;
        else if (start == 0 && end == length) return true;
        int stemLength = end - start;
        bool teh = end < stemEnd && baseTeh;
        if (start > 0) Array.Copy(buffer, start, buffer, 0, stemLength);
        if (tehBeforePronoun)
        {
            // حكومته → حكومت → حكومة: the noun's own ة (normalisation then folds it like any other).
            buffer[stemLength - 1] = ArabicLetters.TehMarbuta;
            _term.Length = stemLength;
        }
        else if (teh)
        {
            _term.Length = stemLength;
            _term.Append(ArabicLetters.TehMarbuta);
        }
        else _term.Length = stemLength;
        return true;
    }
}
