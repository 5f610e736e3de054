namespace Marsad.Text;

/// <summary>A fast 64-bit hash of a span of characters, for the open-addressing word tables of the hot paths.</summary>
public static class SpanHash
{
    /// <summary>The FNV-1a state of the empty span.</summary>
    public const ulong Seed = 14695981039346656037;

    /// <summary>FNV-1a over the UTF-16 code units, then a 64-bit finaliser so every bit is mixed.</summary>
    public static ulong Of(ReadOnlySpan<char> key)
    {
        ulong h = Seed;
        foreach (char c in key) h = Step(h, c);
        return Finish(h);
    }

    /// <summary>
    /// The FNV-1a state after one more character. The state of a span's prefix extends to every longer prefix, so
    /// a caller that looks up many slices of one word (the segmenter) hashes each letter once, not once a slice:
    /// <c>Of(s) == Finish(Step(…Step(Seed, s[0])…, s[^1]))</c>.
    /// </summary>
    public static ulong Step(ulong state, char c) => (state ^ c) * 1099511628211;

    /// <summary>The hash of the span whose FNV-1a state is <paramref name="state"/>.</summary>
    public static ulong Finish(ulong state)
    {
        ulong h = state;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }
}
