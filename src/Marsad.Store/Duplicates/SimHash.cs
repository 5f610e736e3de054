using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Marsad.Analysis;

namespace Marsad.Store.Duplicates;

/// <summary>
/// 64-bit SimHash (Charikar) over shingles of three consecutive normalised words. Two texts that
/// share most shingles get fingerprints a few bits apart; the same wire story in two outlets, or
/// with a changed sentence, lands within <see cref="NearDistance"/> bits.
/// </summary>
public static class SimHash
{
    /// <summary>Fingerprints at most this many bits apart are near-duplicates.</summary>
    public const int NearDistance = 3;

    /// <summary>Texts with fewer shingles give no fingerprint (too short to judge).</summary>
    public const int MinShingles = 12;

    private const int ShingleSize = 3;

    /// <summary>The fingerprint of the document's word tokens from <paramref name="fromOffset"/> on (the body), or null if too short.</summary>
    public static ulong? Compute(IReadOnlyList<WordToken> tokens, int fromOffset = 0)
    {
        // Hash each word once; a shingle hash mixes the three word hashes (order-sensitive).
        var words = new List<ulong>(tokens.Count);
        foreach (var t in tokens)
        {
            if (t.Start < fromOffset || !t.IsWord) continue;
            words.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(t.Norm.AsSpan())));
        }
        return Compute(words);
    }

    /// <summary>The fingerprint of a sequence of word hashes, or null if it has too few shingles.</summary>
    public static ulong? Compute(IReadOnlyList<ulong> wordHashes)
    {
        int shingles = wordHashes.Count - ShingleSize + 1;
        if (shingles < MinShingles) return null;
        Span<int> v = stackalloc int[64];
        for (int i = 0; i < shingles; i++)
        {
            ulong h = Mix(wordHashes[i] ^ BitOperations.RotateLeft(wordHashes[i + 1], 21) ^ BitOperations.RotateLeft(wordHashes[i + 2], 42));
            for (int b = 0; b < 64; b++)
                v[b] += (int)((h >> b) & 1) * 2 - 1;
        }
        ulong result = 0;
        for (int b = 0; b < 64; b++)
            if (v[b] > 0) result |= 1UL << b;
        return result;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>SplitMix64 finaliser: spreads the bits of the combined word hashes.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// Finds stored fingerprints within <see cref="SimHash.NearDistance"/> bits. The 64 bits are cut
/// into four 16-bit bands; two fingerprints at most 3 bits apart agree exactly on at least one band
/// (pigeonhole), so only documents sharing a band are compared.
/// </summary>
public sealed class NearDuplicateIndex
{
    public sealed class Entry(long seq, string id, ulong hash, string? cluster)
    {
        public long Seq { get; } = seq;
        public string Id { get; } = id;
        public ulong Hash { get; } = hash;
        public string? Cluster { get; set; } = cluster;
    }

    private readonly Dictionary<uint, List<Entry>> _bands = [];

    public int Count { get; private set; }

    public void Add(Entry e)
    {
        for (int b = 0; b < 4; b++)
        {
            uint key = Key(b, e.Hash);
            if (!_bands.TryGetValue(key, out var list)) _bands[key] = list = new List<Entry>(1);
            list.Add(e);
        }
        Count++;
    }

    /// <summary>The closest stored entry within the near-duplicate distance, or null.</summary>
    public Entry? FindNearest(ulong hash)
    {
        Entry? best = null;
        int bestDistance = SimHash.NearDistance + 1;
        for (int b = 0; b < 4; b++)
        {
            if (!_bands.TryGetValue(Key(b, hash), out var list)) continue;
            foreach (var e in list)
            {
                int d = SimHash.Distance(e.Hash, hash);
                if (d < bestDistance || (d == bestDistance && best is not null && e.Seq < best.Seq)) { best = e; bestDistance = d; }
            }
        }
        return best;
    }

    private static uint Key(int band, ulong hash) => ((uint)band << 16) | (uint)((hash >> (band * 16)) & 0xFFFF);
}
