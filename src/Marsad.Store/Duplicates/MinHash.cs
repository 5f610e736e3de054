using System.IO.Hashing;
using System.Runtime.InteropServices;
using Marsad.Analysis;

namespace Marsad.Store.Duplicates;

/// <summary>
/// MinHash signatures over shingles of three consecutive normalised words. The share of equal
/// signature values estimates the Jaccard similarity of the two shingle sets; the same wire story
/// in two outlets, or with a few sentences changed, stays well above <see cref="NearSimilarity"/>.
/// (SimHash was tried first: on short news texts a two-word edit moved it 10 of 64 bits, too
/// close to unrelated texts for a safe threshold.)
/// </summary>
public static class MinHash
{
    /// <summary>Values per signature.</summary>
    public const int Size = 64;

    /// <summary>Estimated Jaccard similarity at or above which two documents are near-duplicates.</summary>
    public const double NearSimilarity = 0.5;

    /// <summary>Texts with fewer shingles get no signature (too short to judge).</summary>
    public const int MinShingles = 12;

    private const int ShingleSize = 3;

    private static readonly ulong[] Seeds = CreateSeeds();

    private static ulong[] CreateSeeds()
    {
        var seeds = new ulong[Size];
        ulong x = 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < Size; i++) seeds[i] = Mix(x += 0x9E3779B97F4A7C15UL);
        return seeds;
    }

    /// <summary>The signature of the word tokens from <paramref name="fromOffset"/> on (the body), or null if too short.</summary>
    public static uint[]? Compute(IReadOnlyList<WordToken> tokens, int fromOffset = 0)
    {
        var words = new List<ulong>(tokens.Count);
        foreach (var t in tokens)
        {
            if (t.Start < fromOffset || !t.IsWord) continue;
            words.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(t.Norm.AsSpan())));
        }
        return Compute(words);
    }

    /// <summary>The signature of a sequence of word hashes, or null if it has too few shingles.</summary>
    public static uint[]? Compute(IReadOnlyList<ulong> wordHashes)
    {
        int shingles = wordHashes.Count - ShingleSize + 1;
        if (shingles < MinShingles) return null;
        var sig = new uint[Size];
        Array.Fill(sig, uint.MaxValue);
        for (int i = 0; i < shingles; i++)
        {
            ulong h = Mix(wordHashes[i] * 31 + wordHashes[i + 1] * 961 + wordHashes[i + 2]);
            // One base hash, 64 cheap permutations: xor with a seed and re-mix.
            for (int k = 0; k < Size; k++)
            {
                uint v = (uint)(Mix(h ^ Seeds[k]) >> 32);
                if (v < sig[k]) sig[k] = v;
            }
        }
        return sig;
    }

    /// <summary>Estimated Jaccard similarity: the share of equal positions.</summary>
    public static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int same = 0;
        for (int i = 0; i < Size; i++) if (a[i] == b[i]) same++;
        return same / (double)Size;
    }

    public static byte[] ToBytes(uint[] signature) => MemoryMarshal.AsBytes(signature.AsSpan()).ToArray();

    public static uint[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, uint>(bytes).ToArray();

    /// <summary>SplitMix64 finaliser.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// Finds stored signatures similar to a new one with locality-sensitive hashing: 16 bands of 4
/// values; documents sharing a whole band are candidates (likely from Jaccard ≈ 0.5 up), and each
/// candidate is checked against <see cref="MinHash.NearSimilarity"/>.
/// </summary>
public sealed class NearDuplicateIndex
{
    internal const int Bands = 16, Rows = MinHash.Size / Bands;

    public sealed class Entry(long seq, string id, uint[] signature, string? cluster)
    {
        public long Seq { get; } = seq;
        public string Id { get; } = id;
        public uint[] Signature { get; } = signature;
        public string? Cluster { get; set; } = cluster;
    }

    private readonly Dictionary<ulong, List<Entry>> _bands = [];

    public int Count { get; private set; }

    public void Add(Entry e)
    {
        for (int b = 0; b < Bands; b++)
        {
            ulong key = Key(b, e.Signature);
            if (!_bands.TryGetValue(key, out var list)) _bands[key] = list = new List<Entry>(1);
            list.Add(e);
        }
        Count++;
    }

    /// <summary>The most similar stored entry at or above the threshold (the earliest on ties), or null.</summary>
    public Entry? FindNearest(uint[] signature)
    {
        Entry? best = null;
        double bestSim = MinHash.NearSimilarity;
        for (int b = 0; b < Bands; b++)
        {
            if (!_bands.TryGetValue(Key(b, signature), out var list)) continue;
            foreach (var e in list)
            {
                double s = MinHash.Similarity(e.Signature, signature);
                if (s > bestSim || (s == bestSim && (best is null || e.Seq < best.Seq))) { best = e; bestSim = s; }
            }
        }
        return best;
    }

    /// <summary>The hash of band <paramref name="band"/> of a signature (the PostgreSQL archive keeps these in its band table).</summary>
    internal static ulong Key(int band, uint[] sig)
    {
        ulong h = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (int r = 0; r < Rows; r++) h = MinHash.Mix(h ^ sig[band * Rows + r]);
        return h;
    }
}
