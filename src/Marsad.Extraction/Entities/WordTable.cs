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

    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value)
    {
        ulong h = Hash(key);
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

    private static ulong Hash(ReadOnlySpan<char> key) => SpanHash.Of(key);

    private static uint Fingerprint(ulong h) => (uint)(h >> 32);
}
