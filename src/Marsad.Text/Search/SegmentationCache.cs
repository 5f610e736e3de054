namespace Marsad.Text.Search;

/// <summary>
/// A small direct-mapped cache of clitic segmentations for one analysis thread (each token stream has
/// its own). News vocabulary is Zipfian, so most terms were seen moments ago; a hit skips the lexicon
/// lookups that segmenting costs. A slot holds the term's 64-bit hash and the stem's offsets (a false
/// hit needs a 64-bit collision), 192 KiB in all, so the cache stays in the CPU's caches. Nothing allocates.
/// </summary>
internal sealed class SegmentationCache
{
    private const int Slots = 16384; // a power of two

    private readonly ulong[] _hashes = new ulong[Slots];
    // Stem start and end (each < 256), a "used" bit, the ة-before-pronoun bit, the inflection's length
    // (< 32) and the base's unwritten ة, packed.
    private readonly uint[] _values = new uint[Slots];

    public static ulong Hash(ReadOnlySpan<char> term) => StemLexicon.Hash(term);

    public bool TryGet(ulong hash, out CliticSplit split, out int inflection, out bool baseTeh)
    {
        int slot = (int)(hash >> 50) & (Slots - 1); // the top 14 bits: all 16,384 slots
        uint v = _values[slot];
        if (v != 0 && _hashes[slot] == hash)
        {
            split = new CliticSplit((int)(v & 0xFF), (int)((v >> 8) & 0xFF), Proclitics.None, 0)
            {
                TehMarbutaBeforePronoun = (v & (1u << 17)) != 0,
            };
            inflection = (int)((v >> 18) & 0x1F);
            baseTeh = (v & (1u << 23)) != 0;
            return true;
        }
        split = default;
        inflection = 0;
        baseTeh = false;
        return false;
    }

    public void Add(ulong hash, CliticSplit split, int inflection, bool baseTeh)
    {
        if (split.StemStart > 255 || split.StemEnd > 255 || inflection > 31) return;
        int slot = (int)(hash >> 50) & (Slots - 1); // the top 14 bits: all 16,384 slots
        _hashes[slot] = hash;
        _values[slot] = (uint)split.StemStart | ((uint)split.StemEnd << 8) | (1u << 16)
            | (split.TehMarbutaBeforePronoun ? 1u << 17 : 0) | ((uint)inflection << 18)
            | (baseTeh ? 1u << 23 : 0);
    }
}
