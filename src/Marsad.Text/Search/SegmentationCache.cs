namespace Marsad.Text.Search;

/// <summary>
/// A small direct-mapped cache of clitic segmentations for one analysis thread (each token stream has
/// its own). News vocabulary is Zipfian, so most terms were seen moments ago; a hit skips the lexicon
/// lookups that segmenting costs. A slot holds the term's 64-bit hash and the stem's offsets (a false
/// hit needs a 64-bit collision), 96 KiB in all, so the cache stays in the CPU's caches. Nothing allocates.
/// </summary>
internal sealed class SegmentationCache
{
    private const int Slots = 8192; // a power of two

    private readonly ulong[] _hashes = new ulong[Slots];
    // Stem start and end (each < 256) and a "used" bit, packed.
    private readonly uint[] _values = new uint[Slots];

    public static ulong Hash(ReadOnlySpan<char> term) => StemLexicon.Hash(term);

    public bool TryGet(ulong hash, out int stemStart, out int stemEnd)
    {
        int slot = (int)(hash >> 52) & (Slots - 1);
        uint v = _values[slot];
        if (v != 0 && _hashes[slot] == hash)
        {
            stemStart = (int)(v & 0xFF);
            stemEnd = (int)((v >> 8) & 0xFF);
            return true;
        }
        stemStart = stemEnd = 0;
        return false;
    }

    public void Add(ulong hash, int stemStart, int stemEnd)
    {
        if (stemStart > 255 || stemEnd > 255) return;
        int slot = (int)(hash >> 52) & (Slots - 1);
        _hashes[slot] = hash;
        _values[slot] = (uint)stemStart | ((uint)stemEnd << 8) | (1u << 16);
    }
}
