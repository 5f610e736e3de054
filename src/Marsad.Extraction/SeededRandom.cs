namespace Marsad.Extraction;

/// <summary>
/// xorshift64*: the same draws on every runtime and machine, so a seeded training run (the tagger's shuffle, the
/// embeddings' windows and samples) gives the same bytes everywhere, which System.Random does not promise.
/// </summary>
internal struct SeededRandom(ulong seed)
{
    private ulong _s = seed * 0x9E3779B97F4A7C15UL + 1;

    public ulong Next()
    {
        _s ^= _s >> 12;
        _s ^= _s << 25;
        _s ^= _s >> 27;
        return _s * 2685821657736338717UL;
    }

    /// <summary>A draw in [0, 1) with 24 bits.</summary>
    public float NextFloat() => (Next() >> 40) / (float)(1UL << 24);
}
