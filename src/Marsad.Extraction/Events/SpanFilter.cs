using System.Runtime.CompilerServices;

namespace Marsad.Extraction.Events;

/// <summary>
/// A one-hash Bloom filter over word forms: a table of about 32 bits per word (at least 64 Kbit)
/// indexed by a hash of the length and the first, second, third and last letters. Most tokens of a text are in no closed word list and no trigger
/// lexicon; this answers "certainly not" for them in a few instructions, before any hashing of
/// the whole form by a dictionary. False positives only cost the dictionary lookup.
/// </summary>
internal sealed class SpanFilter
{
    private readonly ulong[] _bits;
    private readonly int _mask;
    private int _minLength = int.MaxValue, _maxLength;

    /// <param name="expected">About how many words will be added: sizes the table so that few bits are set.</param>
    public SpanFilter(int expected = 2048)
    {
        int bits = 1 << 16;
        while (bits < expected * 32 && bits < 1 << 24) bits <<= 1;
        _bits = new ulong[bits / 64];
        _mask = bits - 1;
    }

    public void Add(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return;
        int h = Hash(word) & _mask;
        _bits[h >> 6] |= 1UL << (h & 63);
        _minLength = Math.Min(_minLength, word.Length);
        _maxLength = Math.Max(_maxLength, word.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ReadOnlySpan<char> word)
    {
        if (word.Length < _minLength || word.Length > _maxLength) return false;
        int h = Hash(word) & _mask;
        return (_bits[h >> 6] & (1UL << (h & 63))) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> w)
    {
        uint h = (uint)w.Length * 0x9E3779B1u;
        h ^= w[0] * 0x85EBCA77u;
        h = (h << 13 | h >> 19) ^ (w[^1] * 0xC2B2AE3Du);
        if (w.Length > 2) h ^= (uint)w[1] * 0x27D4EB2Fu;
        if (w.Length > 3) h = (h << 7 | h >> 25) ^ ((uint)w[2] * 0x165667B1u);
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return (int)(h & 0x7FFFFFFF);
    }
}
