using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Marsad.Text;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// A trained entity tagger: a linear model over hashed features with BIO transition scores, decoded by
/// constrained Viterbi (<see cref="Viterbi"/>). Weights are quantised to 16 bits and only the feature
/// rows that carry weight are stored. The file starts with a header (magic, format version, feature
/// version, tag set, hash space, the hash of the word clusters it expects) and a checksum of the body,
/// so a truncated, corrupt or foreign file is refused with an error naming it. Immutable and
/// thread-safe; decoding uses per-thread buffers, no per-token allocation.
/// </summary>
public sealed class NerModel
{
    public const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "MARSADNER\0"u8;

    private static readonly Lazy<NerModel?> DefaultInstance = new(LoadDefault);

    private readonly int[] _rowOf;     // feature id → row index, -1 when the feature has no weight
    private readonly short[] _rows;    // row * T + tag
    private readonly float _scale;
    private readonly float[] _trans;   // (T + 1) * T, row T = start
    private readonly short[] _dense;   // id * _stride + tag: the rows laid out by feature id, so a lookup is one read
    private readonly int _stride;      // T rounded up to whole 16-bit vectors: rows are summed with no scalar tail
    private readonly int _base;        // where row 0 starts in _dense: rows of 32 bytes then never straddle a cache line

    internal NerModel(TagSet tags, int hashBits, WordClusters? clusters, string clusterHash, float scale, int[] rowOf, short[] rows, float[] trans, string source, float outsideBias = 0, NerModel? firstPass = null)
    {
        if (firstPass is not null && (firstPass.FirstPass is not null || !firstPass.Tags.SameAs(tags) || firstPass.ClusterHash != clusterHash))
            throw new ArgumentException("a first-pass model has no first pass of its own, and the same tags and clusters", nameof(firstPass));
        FirstPass = firstPass;
        OutsideBias = outsideBias;
        Tags = tags;
        HashBits = hashBits;
        Clusters = clusters;
        ClusterHash = clusterHash;
        _scale = scale;
        _rowOf = rowOf;
        _rows = rows;
        _trans = trans;
        Source = source;
        int t = tags.Count;
        _stride = (t + Vector128<short>.Count - 1) / Vector128<short>.Count * Vector128<short>.Count;
        // The padding lanes stay 0, so summing whole vectors adds nothing to the real tags' sums. The table is
        // pinned (it never moves) so its rows can start on a 64-byte boundary.
        _dense = GC.AllocateArray<short>(rowOf.Length * _stride + 32, pinned: true);
        _base = (int)((64 - (Address(_dense) & 63)) & 63) / sizeof(short);
        for (int id = 0; id < rowOf.Length; id++)
            if (rowOf[id] >= 0) rows.AsSpan(rowOf[id] * t, t).CopyTo(_dense.AsSpan(_base + id * _stride, t));
    }

    /// <summary>The model shipped with Marsad (trained on ANERcorp, Data/ner/NOTICE.md), or null when this build has none.</summary>
    public static NerModel? Default => DefaultInstance.Value;

    public TagSet Tags { get; }

    /// <summary>Features are hashed into 2^HashBits ids.</summary>
    public int HashBits { get; }

    /// <summary>The hash (<see cref="WordClusters.Hash"/>) of the clusters the model was trained with; "" when none.</summary>
    public string ClusterHash { get; }

    /// <summary>The clusters the features read (null when the model was trained without clusters).</summary>
    public WordClusters? Clusters { get; }

    /// <summary>Subtracted from the O score of every token: above 0 the model finds more names (recall for precision); chosen on dev data.</summary>
    public float OutsideBias { get; }

    /// <summary>The same model with another <see cref="OutsideBias"/>.</summary>
    public NerModel WithOutsideBias(float bias) => new(Tags, HashBits, Clusters, ClusterHash, _scale, _rowOf, _rows, _trans, Source, bias, FirstPass);

    /// <summary>
    /// The model whose tags of the whole document this one reads as features (stacking: this model is the
    /// second pass); null for a one-pass model.
    /// </summary>
    public NerModel? FirstPass { get; }

    /// <summary>This model as the second pass over <paramref name="first"/>'s tags.</summary>
    internal NerModel WithFirstPass(NerModel? first) => new(Tags, HashBits, Clusters, ClusterHash, _scale, _rowOf, _rows, _trans, Source, OutsideBias, first);

    /// <summary>Feature rows that carry weight.</summary>
    public int RowCount => _rows.Length / Tags.Count;

    /// <summary>Where the model was read from (a path, a resource, or "trained").</summary>
    public string Source { get; }

    internal int Mask => (1 << HashBits) - 1;

    internal ReadOnlySpan<float> Transitions => _trans;

    /// <summary>Sums the weights of each token's features into <paramref name="emit"/> (token k, tag t at k * T + t).</summary>
    internal void Emissions(ReadOnlySpan<int> ids, ReadOnlySpan<int> counts, int n, Span<float> emit)
    {
        int t = Tags.Count, stride = _stride;
        if (ids.Length < n * NerFeatures.MaxPerToken || counts.Length < n || emit.Length < n * t)
            throw new ArgumentException("buffers shorter than the sentence");
        Span<int> acc = stackalloc int[stride];
        ref short dense = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_dense), _base);
        ref int acc0 = ref MemoryMarshal.GetReference(acc);
        for (int k = 0; k < n; k++)
        {
            var f = ids.Slice(k * NerFeatures.MaxPerToken, counts[k]);
            // The weight rows are random reads into a table bigger than L1: ask for the next token's rows
            // while this token's are summed.
            if (Sse.IsSupported && k + 1 < n)
            {
                var next = ids.Slice((k + 1) * NerFeatures.MaxPerToken, counts[k + 1]);
                foreach (int id in next) Prefetch(ref Unsafe.Add(ref dense, id * stride));
            }
            // 16-bit weights widened to 32 bits, so a sum never overflows: integer sums, the same in any order
            // and on any path. The ids are masked into the table (ids < 2^HashBits), so a row read stays inside it.
            if (stride == Vector256<short>.Count && Avx512F.IsSupported)
            {
                // with AVX-512 one instruction reads and widens a row to sixteen 32-bit lanes
                var sum = Vector512<int>.Zero;
                foreach (int id in f) sum += Avx512F.ConvertToVector512Int32(Vector256.LoadUnsafe(ref Unsafe.Add(ref dense, id * stride)));
                sum.StoreUnsafe(ref acc0);
            }
            else if (stride == Vector256<short>.Count && Vector256.IsHardwareAccelerated)
            {
                // the common case (at most 16 tags): one row is one aligned 32-byte read, the sums stay in registers
                var lo = Vector256<int>.Zero;
                var hi = Vector256<int>.Zero;
                foreach (int id in f)
                {
                    var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref Unsafe.Add(ref dense, id * stride)));
                    lo += a;
                    hi += b;
                }
                lo.StoreUnsafe(ref acc0);
                hi.StoreUnsafe(ref acc0, (nuint)Vector256<int>.Count);
            }
            else
            {
                acc.Clear();
                foreach (int id in f)
                {
                    ref short w = ref Unsafe.Add(ref dense, id * stride);
                    for (int j = 0; j < stride; j += Vector128<short>.Count)
                    {
                        var (a, b) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.Add(ref w, j)));
                        ref int x = ref Unsafe.Add(ref acc0, j);
                        (Vector128.LoadUnsafe(ref x) + a).StoreUnsafe(ref x);
                        ref int y = ref Unsafe.Add(ref x, Vector128<int>.Count);
                        (Vector128.LoadUnsafe(ref y) + b).StoreUnsafe(ref y);
                    }
                }
            }
            var e = emit.Slice(k * t, t);
            for (int j = 0; j < t; j++) e[j] = acc[j] * _scale;
            e[0] -= OutsideBias;
        }
    }

    private static unsafe void Prefetch(ref short at) => Sse.Prefetch0(Unsafe.AsPointer(ref at));

    private static unsafe long Address(short[] pinned) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    // ---------------------------------------------------------------- building from weights

    /// <summary>
    /// Quantises trained weights (<paramref name="weights"/>[id * T + tag]) to 16 bits with one scale; a
    /// row whose weights all round below <paramref name="pruneBelow"/> steps is dropped.
    /// </summary>
    internal static NerModel FromWeights(TagSet tags, int hashBits, WordClusters? clusters, ReadOnlySpan<float> weights, ReadOnlySpan<float> trans, int pruneBelow)
    {
        int t = tags.Count, size = 1 << hashBits;
        float max = 0;
        foreach (float w in weights) max = Math.Max(max, Math.Abs(w));
        float scale = max > 0 ? max / short.MaxValue : 1f;
        var rowOf = new int[size];
        Array.Fill(rowOf, -1);
        var rows = new List<short>();
        for (int id = 0; id < size; id++)
        {
            var w = weights.Slice(id * t, t);
            bool keep = false;
            foreach (float x in w) keep |= Math.Abs(MathF.Round(x / scale)) >= pruneBelow;
            if (!keep) continue;
            rowOf[id] = rows.Count / t;
            foreach (float x in w) rows.Add((short)Math.Clamp(MathF.Round(x / scale), short.MinValue, short.MaxValue));
        }
        return new NerModel(tags, hashBits, clusters, clusters?.Hash ?? "", scale, rowOf, [.. rows], trans.ToArray(), "trained");
    }

    /// <summary>Adds <paramref name="factor"/> × this model's weights (id * T + tag) and transition scores to the arrays.</summary>
    internal void AddWeightsTo(Span<float> weights, Span<float> trans, float factor)
    {
        int t = Tags.Count;
        for (int id = 0; id < _rowOf.Length; id++)
        {
            int row = _rowOf[id];
            if (row < 0) continue;
            for (int j = 0; j < t; j++) weights[id * t + j] += _rows[row * t + j] * _scale * factor;
        }
        for (int i = 0; i < _trans.Length; i++) trans[i] += _trans[i] * factor;
    }

    /// <summary>The Euclidean length of the feature weights (1 when all are 0).</summary>
    internal float WeightNorm()
    {
        double sum = 0;
        foreach (short x in _rows) sum += (double)x * x;
        return sum > 0 ? (float)(Math.Sqrt(sum) * _scale) : 1f;
    }

    // ---------------------------------------------------------------- file format

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var f = File.Create(path);
        Save(f);
    }

    /// <summary>
    /// Writes the model: magic, format version (u16), body length (u32), FNV-1a checksum of the body (u64),
    /// then the body: feature version, tag names, hash bits, cluster hash, scale, transitions, and the
    /// deflated rows (id delta, tag mask, the non-zero 16-bit weights). Same model, same bytes.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((ushort)NerFeatures.Version);
            w.Write((byte)Tags.Count);
            foreach (var name in Tags.Names) w.Write(name);
            w.Write((byte)HashBits);
            w.Write(ClusterHash);
            w.Write(_scale);
            w.Write(OutsideBias);
            w.Write(_trans.Length);
            foreach (float x in _trans) w.Write(x);
            w.Write(RowCount);
            using var packed = new MemoryStream();
            using (var z = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            using (var zw = new BinaryWriter(z))
            {
                int t = Tags.Count, last = -1;
                for (int id = 0; id < _rowOf.Length; id++)
                {
                    int row = _rowOf[id];
                    if (row < 0) continue;
                    zw.Write7BitEncodedInt(id - last);
                    last = id;
                    var r = _rows.AsSpan(row * t, t);
                    ulong mask = 0;
                    for (int j = 0; j < t; j++) if (r[j] != 0) mask |= 1UL << j;
                    zw.Write7BitEncodedInt64((long)mask);
                    for (int j = 0; j < t; j++) if (r[j] != 0) zw.Write(r[j]);
                }
            }
            w.Write((int)packed.Length);
            w.Write(packed.GetBuffer(), 0, (int)packed.Length);
            // the first pass, a whole model file of its own (format version 2)
            w.Write(FirstPass is not null);
            if (FirstPass is not null)
            {
                using var inner = new MemoryStream();
                FirstPass.Save(inner);
                w.Write((int)inner.Length);
                w.Write(inner.GetBuffer(), 0, (int)inner.Length);
            }
        }
        Span<byte> head = stackalloc byte[Magic.Length + 2 + 4 + 8];
        Magic.CopyTo(head);
        BinaryPrimitives.WriteUInt16LittleEndian(head[Magic.Length..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(head[(Magic.Length + 2)..], (uint)body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(head[(Magic.Length + 6)..], Checksum(body.GetBuffer().AsSpan(0, (int)body.Length)));
        stream.Write(head);
        stream.Write(body.GetBuffer(), 0, (int)body.Length);
    }

    /// <summary>
    /// Reads a model file. A model trained with clusters needs those clusters: <paramref name="clusters"/>,
    /// or else the shipped ones when their hash is the one the model records.
    /// </summary>
    public static NerModel Load(string path, WordClusters? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such model file", path);
        return Load(File.ReadAllBytes(path), path, clusters);
    }

    public static NerModel Load(byte[] bytes, string source, WordClusters? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int headLen = Magic.Length + 2 + 4 + 8;
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not a Marsad NER model (no model header)");
        if (bytes.Length < headLen) throw new InvalidDataException($"{source}: truncated NER model (the header is cut short)");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != FormatVersion)
            throw new InvalidDataException($"{source}: NER model format version {version}; this build reads version {FormatVersion}");
        long length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length + 2));
        ulong sum = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(Magic.Length + 6));
        if (bytes.Length - headLen < length)
            throw new InvalidDataException($"{source}: truncated NER model ({bytes.Length - headLen} of {length} body bytes)");
        if (bytes.Length - headLen > length)
            throw new InvalidDataException($"{source}: corrupt NER model ({bytes.Length - headLen - length} bytes after the body)");
        var body = bytes.AsSpan(headLen, (int)length);
        if (Checksum(body) != sum) throw new InvalidDataException($"{source}: corrupt NER model (checksum mismatch)");
        try
        {
            return Read(bytes, headLen, (int)length, source, clusters);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"{source}: corrupt NER model ({e.Message})", e);
        }
    }

    private static NerModel Read(byte[] bytes, int offset, int length, string source, WordClusters? clusters)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, offset, length, writable: false), Encoding.UTF8);
        int featureVersion = r.ReadUInt16();
        if (featureVersion != NerFeatures.Version)
            throw new InvalidDataException($"{source}: the model was trained with feature set {featureVersion}; this build computes feature set {NerFeatures.Version}");
        int count = r.ReadByte();
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = r.ReadString();
        var tags = new TagSet(names);
        int bits = r.ReadByte();
        if (bits is < 8 or > 26) throw new InvalidDataException($"hash space of {bits} bits");
        string clusterHash = r.ReadString();
        float scale = r.ReadSingle();
        float bias = r.ReadSingle();
        int transLen = r.ReadInt32();
        if (transLen != (count + 1) * count) throw new InvalidDataException($"{transLen} transition scores for {count} tags");
        var trans = new float[transLen];
        for (int i = 0; i < transLen; i++) trans[i] = r.ReadSingle();
        int rowCount = r.ReadInt32();
        int size = 1 << bits;
        if (rowCount < 0 || rowCount > size) throw new InvalidDataException($"{rowCount} rows in a space of {size}");
        int packedLen = r.ReadInt32();
        var rowOf = new int[size];
        Array.Fill(rowOf, -1);
        var rows = new short[rowCount * count];
        using (var z = new DeflateStream(new MemoryStream(bytes, offset + (int)r.BaseStream.Position, packedLen, writable: false), CompressionMode.Decompress))
        using (var zr = new BinaryReader(z))
        {
            int id = -1;
            for (int row = 0; row < rowCount; row++)
            {
                id += zr.Read7BitEncodedInt();
                if (id < 0 || id >= size || rowOf[id] >= 0) throw new InvalidDataException($"feature id {id} out of order");
                rowOf[id] = row;
                ulong mask = (ulong)zr.Read7BitEncodedInt64();
                for (int j = 0; j < count; j++)
                    if ((mask & (1UL << j)) != 0) rows[row * count + j] = zr.ReadInt16();
            }
        }
        r.BaseStream.Position += packedLen;
        NerModel? firstPass = null;
        byte stacked = r.ReadByte();
        if (stacked > 1) throw new InvalidDataException($"first-pass flag {stacked}");
        int innerLen = stacked == 1 ? r.ReadInt32() : 0;
        if (innerLen < 0 || r.BaseStream.Position + innerLen > length) throw new InvalidDataException($"a first-pass model of {innerLen} bytes");
        long innerAt = r.BaseStream.Position;
        if (r.BaseStream.Position + innerLen != length) throw new InvalidDataException($"{length - r.BaseStream.Position - innerLen} bytes after the model");
        WordClusters? used = null;
        if (clusterHash.Length > 0)
        {
            used = clusters is not null && clusters.Hash == clusterHash ? clusters
                : clusters is null && WordClusters.Default?.Hash == clusterHash ? WordClusters.Default
                : throw new InvalidDataException(clusters is null
                    ? $"{source}: the model expects word clusters {clusterHash}, which this build does not ship; give the cluster file it was trained with"
                    : $"{source}: the model expects word clusters {clusterHash}, but {clusters.Source} is {clusters.Hash}");
        }
        if (stacked == 1)
        {
            var inner = bytes.AsSpan(offset + (int)innerAt, innerLen).ToArray();
            firstPass = Load(inner, source + " (first pass)", used);
            if (firstPass.FirstPass is not null || !firstPass.Tags.SameAs(tags) || firstPass.ClusterHash != clusterHash)
                throw new InvalidDataException("a first-pass model with a first pass of its own, or other tags or clusters");
        }
        return new NerModel(tags, bits, used, clusterHash, scale, rowOf, rows, trans, source, bias, firstPass);
    }

    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong h = 14695981039346656037;
        foreach (byte b in data) h = (h ^ b) * 1099511628211;
        return h;
    }

    private static NerModel? LoadDefault()
    {
        var bytes = Marsad.Extraction.Data.EmbeddedData.TryReadBytes("ner/anercorp.nermodel");
        return bytes is null ? null : Load(bytes, "Data/ner/anercorp.nermodel");
    }
}
