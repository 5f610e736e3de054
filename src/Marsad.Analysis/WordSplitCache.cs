using Marsad.Text;

namespace Marsad.Analysis;

/// <summary>
/// The segmenter's answer per word as written, cached for each analysis thread (<see cref="WordCache"/>): a hit
/// skips the lexicon look-ups of scoring every reading. Nothing allocates after the first use.
/// </summary>
internal sealed class WordSplitCache
{
    [ThreadStatic] private static WordSplitCache? _current;

    public static WordSplitCache Current => _current ??= new WordSplitCache();

    private readonly WordCache _cache = new();

    /// <summary>The split of <paramref name="word"/> and whether its stem is a lexicon word, from the cache or the segmenter.</summary>
    public CliticSplit Segment(CliticSegmenter segmenter, ReadOnlySpan<char> word, out bool known)
    {
        ulong hash = WordCache.Hash(word);
        // stem start (16 bits), stem end (16), proclitics (8), enclitic length (8), "in lexicon" (1)
        if (_cache.TryGet(hash, out ulong v))
        {
            known = (v >> 48 & 1) != 0;
            return new CliticSplit((int)(v & 0xFFFF), (int)(v >> 16 & 0xFFFF), (Proclitics)(v >> 32 & 0xFF), (int)(v >> 40 & 0xFF));
        }
        var split = segmenter.Segment(word);
        known = segmenter.Lexicon.Contains(word[split.StemStart..split.StemEnd]);
        if (split.StemEnd <= 0xFFFF && split.EncliticLength <= 0xFF)
            _cache.Add(hash, (uint)split.StemStart | (ulong)(uint)split.StemEnd << 16 | (ulong)split.Proclitics << 32
                | (ulong)(uint)split.EncliticLength << 40 | (known ? 1UL << 48 : 0));
        return split;
    }
}
