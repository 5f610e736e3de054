using System.Runtime.CompilerServices;

namespace Marsad.Extraction.Events;

/// <summary>
/// A one-hash Bloom filter over word forms: a 64 Kbit table indexed by the length and the first,
/// second and last letters. Most tokens of a text are in no closed word list and no trigger
/// lexicon; this answers "certainly not" for them in a few instructions, before any hashing of
/// the whole form by a dictionary. False positives only cost the dictionary lookup.
/// </summary>
internal sealed class SpanFilter
{
    private readonly ulong[] _bits = new ulong[1024];
    private int _minLength = int.MaxValue, _maxLength;

    public void Add(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return;
        int h = Hash(word);
        _bits[h >> 6] |= 1UL << (h & 63);
        _minLength = Math.Min(_minLength, word.Length);
        _maxLength = Math.Max(_maxLength, word.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ReadOnlySpan<char> word)
    {
        if (word.Length < _minLength || word.Length > _maxLength) return false;
        int h = Hash(word);
        return (_bits[h >> 6] & (1UL << (h & 63))) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> w)
    {
        uint h = (uint)w.Length * 0x9E3779B1u;
        h ^= w[0] * 0x85EBCA77u;
        h = (h << 13 | h >> 19) ^ (w[^1] * 0xC2B2AE3Du);
        if (w.Length > 2) h ^= (uint)w[1] * 0x27D4EB2Fu;
        h ^= h >> 16;
        return (int)(h & 0xFFFF);
    }
}
