using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

/// <summary>
/// A read-only map from words to values, asked with spans, built for the entity stage's per-reading
/// lookups: an open-addressing table of 64-bit slots (a 32-bit hash fingerprint and an entry index) at
/// load factor ≤ 1/2, so a word that is not in the table — most of them — costs one hash and usually one
/// cache line, where a frozen string dictionary reads its buckets, hash codes and keys. A fingerprint
/// match is confirmed against the stored key, so answers are exact.
/// </summary>
internal sealed class WordTable<TValue>
{
    private readonly ulong[] _slots; // (fingerprint << 32) | (entry index + 1); 0 = empty
    private readonly string[] _keys;
    private readonly TValue[] _values;
    private readonly int _mask;

    public WordTable(IReadOnlyDictionary<string, TValue> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int size = 16;
        while (size < map.Count * 2) size *= 2;
        _slots = new ulong[size];
        _mask = size - 1;
        _keys = new string[map.Count];
        _values = new TValue[map.Count];
        int index = 0;
        foreach (var (key, value) in map)
        {
            _keys[index] = key;
            _values[index] = value;
            ulong h = Hash(key);
            int slot = (int)h & _mask;
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = ((ulong)Fingerprint(h) << 32) | (uint)(index + 1);
            index++;
        }
    }

    public int Count => _keys.Length;

    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value) => TryGetValue(key, Hash(key), out value);

    /// <summary>The lookup with the key's <see cref="Hash"/> computed already (<see cref="SuffixHashes"/>).</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, ulong h, out TValue value)
    {
        uint fp = Fingerprint(h);
        int slot = (int)h & _mask;
        while (true)
        {
            ulong e = _slots[slot];
            if (e == 0) break;
            if ((uint)(e >> 32) == fp)
            {
                int index = (int)(uint)e - 1;
                if (key.SequenceEqual(_keys[index]))
                {
                    value = _values[index];
                    return true;
                }
            }
            slot = (slot + 1) & _mask;
        }
        value = default!;
        return false;
    }

    /// <summary>Asks the memory for the slot a lookup of hash <paramref name="h"/> reads first (only a hint).</summary>
    public unsafe void Prefetch(ulong h)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)h & _mask]));
    }

    /// <summary>
    /// FNV-1a over the key read from its last character to its first, then mixed: the hashes of all the suffixes
    /// of a word come from one pass (<see cref="SuffixHashes"/>), and the entity stage looks up a word's
    /// suffixes (its readings without و ف ب ل ك ال).
    /// </summary>
    public static ulong Hash(ReadOnlySpan<char> key)
    {
        ulong state = SpanHash.Seed;
        for (int i = key.Length - 1; i >= 0; i--) state = SpanHash.Step(state, key[i]);
        return SpanHash.Finish(state);
    }

    /// <summary>Sets <c>hashes[p]</c> to the <see cref="Hash"/> of <c>word[p..]</c> for every p below hashes.Length and up to word.Length.</summary>
    public static void SuffixHashes(ReadOnlySpan<char> word, Span<ulong> hashes)
    {
        ulong state = SpanHash.Seed;
        if (word.Length < hashes.Length) hashes[word.Length] = SpanHash.Finish(state);
        for (int p = word.Length - 1; p >= 0; p--)
        {
            state = SpanHash.Step(state, word[p]);
            if (p < hashes.Length) hashes[p] = SpanHash.Finish(state);
        }
    }

    private static uint Fingerprint(ulong h) => (uint)(h >> 32);
}
