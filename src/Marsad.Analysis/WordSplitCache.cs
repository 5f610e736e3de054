using Marsad.Text;

namespace Marsad.Analysis;

/// <summary>
/// A direct-mapped cache of the segmenter's answer per word as written, one per analysis thread. News
/// vocabulary is Zipfian, so most words were segmented moments ago; a hit skips the lexicon look-ups of
/// scoring every reading. A slot holds the word's 64-bit hash and the packed split (a false hit needs a
/// 64-bit collision of two words of the same length). Nothing allocates after the first use.
/// </summary>
internal sealed class WordSplitCache
{
    private const int Bits = 14;
    private const int Slots = 1 << Bits;

    [ThreadStatic] private static WordSplitCache? _current;

    public static WordSplitCache Current => _current ??= new WordSplitCache();

    private readonly ulong[] _hashes = new ulong[Slots];
    // stem start (8 bits), stem end (8), proclitics (8), enclitic length (4), "in lexicon" (1), "used" (1)
    private readonly uint[] _values = new uint[Slots];

    /// <summary>The split of <paramref name="word"/> and whether its stem is a lexicon word, from the cache or the segmenter.</summary>
    public CliticSplit Segment(CliticSegmenter segmenter, ReadOnlySpan<char> word, out bool known)
    {
        ulong hash = SpanHash.Of(word) ^ ((ulong)word.Length << 56);
        int slot = (int)(hash >> (64 - Bits));
        uint v = _values[slot];
        if (v != 0 && _hashes[slot] == hash)
        {
            known = (v & (1u << 28)) != 0;
            return new CliticSplit((int)(v & 0xFF), (int)((v >> 8) & 0xFF), (Proclitics)((v >> 16) & 0xFF), (int)((v >> 24) & 0xF));
        }
        var split = segmenter.Segment(word);
        known = segmenter.Lexicon.Contains(word[split.StemStart..split.StemEnd]);
        if (split.StemEnd <= 0xFF && split.EncliticLength <= 0xF)
        {
            _hashes[slot] = hash;
            _values[slot] = (uint)split.StemStart | ((uint)split.StemEnd << 8) | ((uint)split.Proclitics << 16)
                | ((uint)split.EncliticLength << 24) | (known ? 1u << 28 : 0) | (1u << 29);
        }
        return split;
    }
}
