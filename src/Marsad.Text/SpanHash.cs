namespace Marsad.Text;

/// <summary>A fast 64-bit hash of a span of characters, for the open-addressing word tables of the hot paths.</summary>
public static class SpanHash
{
    /// <summary>FNV-1a over the UTF-16 code units, then a 64-bit finaliser so every bit is mixed.</summary>
    public static ulong Of(ReadOnlySpan<char> key)
    {
        ulong h = 14695981039346656037;
        foreach (char c in key) h = (h ^ c) * 1099511628211;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }
}
