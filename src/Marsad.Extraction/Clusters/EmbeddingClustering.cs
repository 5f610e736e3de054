using System.Numerics;

namespace Marsad.Extraction.Clusters;

/// <summary>Settings of <see cref="EmbeddingClustering"/>.</summary>
public sealed record EmbeddingOptions
{
    /// <summary>Length of each word vector.</summary>
    public int Dimensions { get; init; } = 100;

    /// <summary>Most words on each side of a word that count as its context (each occurrence draws a window of 1 to this).</summary>
    public int Window { get; init; } = 5;

    /// <summary>Words drawn from the unigram distribution (to the power 3/4) as negative examples for each context pair.</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Frequent words are skipped with the probability word2vec gives them for this threshold (0: none skipped).</summary>
    public double Sample { get; init; } = 1e-4;

    /// <summary>Step size at the start; it falls linearly to almost 0 over the passes.</summary>
    public float LearningRate { get; init; } = 0.025f;

    /// <summary>Seed of every random draw: the same corpus and settings give the same vectors and paths.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Deepest split of the cluster tree: the longest path has this many bits.</summary>
    public int Depth { get; init; } = 14;

    /// <summary>A node with fewer than twice this many words is not split.</summary>
    public int MinLeaf { get; init; } = 3;
}

/// <summary>
/// Word clusters from embeddings, for the same cluster file as Brown clustering: skip-gram vectors with negative
/// sampling (Mikolov et al. 2013) learnt from the corpus's sentences, then a binary tree by bisecting spherical
/// k-means (each node's words split in two by 2-means over cosine similarity), whose left/right turns are the
/// bit paths; a prefix of a path is a coarser cluster. Where Brown clusters group words by the word just before
/// and after, the vectors group them by a window of several words, so both can be features at once. One
/// thread, a seeded generator and a fixed order of every step: the same corpus gives the same paths.
/// </summary>
public static class EmbeddingClustering
{
    /// <summary>The vectors (word w at <c>w * Dimensions</c>, unit length) and each word's bit path.</summary>
    public sealed record Result(string[] Paths, float[] Vectors, int Dimensions, int Leaves);

    public static Result Run(ClusterCorpus corpus, EmbeddingOptions options, IProgress<BrownProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Dimensions is < 2 or > 1000) throw new ArgumentOutOfRangeException(nameof(options), "Dimensions must be 2 to 1000");
        if (options.Window < 1) throw new ArgumentOutOfRangeException(nameof(options), "Window must be at least 1");
        if (options.Negatives < 1) throw new ArgumentOutOfRangeException(nameof(options), "Negatives must be at least 1");
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), "Epochs must be at least 1");
        if (options.Depth is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(options), "Depth must be 1 to 30");
        if (options.MinLeaf < 1) throw new ArgumentOutOfRangeException(nameof(options), "MinLeaf must be at least 1");
        var vectors = Train(corpus, options, progress, cancellationToken);
        int d = options.Dimensions, v = corpus.Words.Length;
        for (int w = 0; w < v; w++)
        {
            var x = vectors.AsSpan(w * d, d);
            float norm = MathF.Sqrt(Dot(x, x));
            if (norm > 0) for (int i = 0; i < d; i++) x[i] /= norm;
        }
        var paths = new string[v];
        var members = new int[v];
        for (int w = 0; w < v; w++) members[w] = w;
        int leaves = 0;
        var path = new char[options.Depth];
        Bisect(vectors, d, members, path, 0, options, paths, ref leaves, cancellationToken);
        progress?.Report(new BrownProgress("tree", 1, 1));
        return new Result(paths, vectors, d, leaves);
    }

    private static float[] Train(ClusterCorpus corpus, EmbeddingOptions o, IProgress<BrownProgress>? progress, CancellationToken ct)
    {
        int v = corpus.Words.Length, d = o.Dimensions;
        var rng = new SeededRandom((ulong)o.Seed);
        var input = new float[v * d];
        var output = new float[v * d];
        for (int i = 0; i < input.Length; i++) input[i] = (rng.NextFloat() - 0.5f) / d;
        var table = NegativeTable(corpus.Counts, 1 << 22);
        long total = 0;
        foreach (long c in corpus.Counts) total += c;
        // word2vec's subsampling: keep a word with probability (sqrt(f / (s·N)) + 1) · s·N / f, as a 16-bit threshold
        var keep = new int[v];
        for (int w = 0; w < v; w++)
        {
            double p = o.Sample <= 0 ? 1 : (Math.Sqrt(corpus.Counts[w] / (o.Sample * total)) + 1) * (o.Sample * total) / corpus.Counts[w];
            keep[w] = (int)Math.Min(65536, p * 65536);
        }
        var seq = corpus.Sequence;
        var sentence = new int[1024];
        var grad = new float[d];
        long steps = (long)o.Epochs * seq.Length, done = 0, report = 0;
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            int i = 0;
            while (i < seq.Length)
            {
                // one sentence: the run of vocabulary ids up to the next break, frequent words thinned out
                int n = 0, start = i;
                for (; i < seq.Length && seq[i] >= 0; i++)
                {
                    int w = seq[i];
                    if (keep[w] < 65536 && (int)(rng.Next() & 0xFFFF) >= keep[w]) continue;
                    if (n == sentence.Length) Array.Resize(ref sentence, n * 2);
                    sentence[n++] = w;
                }
                i++;
                done += i - start;
                float alpha = Math.Max(o.LearningRate * 1e-4f, o.LearningRate * (1 - (float)done / (steps + 1)));
                for (int k = 0; k < n; k++)
                {
                    int b = (int)(rng.Next() % (ulong)o.Window);
                    int from = Math.Max(0, k - o.Window + b), to = Math.Min(n - 1, k + o.Window - b);
                    for (int c = from; c <= to; c++)
                        if (c != k) Pair(input, output, d, sentence[c], sentence[k], table, o.Negatives, alpha, grad, ref rng);
                }
                if (done >= report)
                {
                    report = done + (1 << 20);
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new BrownProgress("words", (int)Math.Min(int.MaxValue, done), (int)Math.Min(int.MaxValue, steps)));
                }
            }
        }
        return input;
    }

    /// <summary>One skip-gram step: the context word's vector learns to score the centre word above the sampled ones.</summary>
    private static void Pair(float[] input, float[] output, int d, int context, int centre, int[] table, int negatives, float alpha, float[] grad, ref SeededRandom rng)
    {
        var l1 = input.AsSpan(context * d, d);
        var g = grad.AsSpan(0, d);
        g.Clear();
        for (int s = 0; s <= negatives; s++)
        {
            int target;
            float label;
            if (s == 0) { target = centre; label = 1; }
            else
            {
                target = table[(int)(rng.Next() % (ulong)table.Length)];
                if (target == centre) continue;
                label = 0;
            }
            var l2 = output.AsSpan(target * d, d);
            float f = Dot(l1, l2);
            float step = f > 6 ? (label - 1) * alpha : f < -6 ? label * alpha : (label - 1 / (1 + MathF.Exp(-f))) * alpha;
            AddScaled(g, l2, step);
            AddScaled(l2, l1, step);
        }
        AddScaled(l1, g, 1);
    }

    /// <summary>Word ids laid out in proportion to count^0.75, so a uniform draw from the table is a negative sample.</summary>
    private static int[] NegativeTable(long[] counts, int size)
    {
        double sum = 0;
        foreach (long c in counts) sum += Math.Pow(c, 0.75);
        var table = new int[size];
        int w = 0;
        double acc = Math.Pow(counts[0], 0.75) / sum;
        for (int i = 0; i < size; i++)
        {
            table[i] = w;
            if ((i + 1) / (double)size > acc && w < counts.Length - 1)
            {
                w++;
                acc += Math.Pow(counts[w], 0.75) / sum;
            }
        }
        return table;
    }

    /// <summary>Splits <paramref name="members"/> (ascending ids, so most frequent first) in two by spherical 2-means, recursively.</summary>
    private static void Bisect(float[] x, int d, int[] members, char[] path, int depth, EmbeddingOptions o, string[] paths, ref int leaves, CancellationToken ct)
    {
        if (depth == o.Depth || members.Length < 2 * o.MinLeaf || !TwoMeans(x, d, members, out var left, out var right))
        {
            var p = depth == 0 ? "0" : new string(path, 0, depth);
            foreach (int w in members) paths[w] = p;
            leaves++;
            return;
        }
        ct.ThrowIfCancellationRequested();
        path[depth] = '0';
        Bisect(x, d, left, path, depth + 1, o, paths, ref leaves, ct);
        path[depth] = '1';
        Bisect(x, d, right, path, depth + 1, o, paths, ref leaves, ct);
    }

    /// <summary>
    /// Two groups by cosine: the seeds are the most frequent member and the member least like it; then ten rounds of
    /// assigning each word to the nearer mean and recomputing the means. False when a group ends empty.
    /// </summary>
    private static bool TwoMeans(float[] x, int d, int[] members, out int[] left, out int[] right)
    {
        var a = new float[d];
        var b = new float[d];
        x.AsSpan(members[0] * d, d).CopyTo(a);
        int far = members[1];
        float low = float.MaxValue;
        foreach (int w in members)
        {
            float s = Dot(x.AsSpan(w * d, d), a);
            if (s < low) { low = s; far = w; }
        }
        x.AsSpan(far * d, d).CopyTo(b);
        var side = new bool[members.Length];
        for (int round = 0; round < 10; round++)
        {
            bool changed = false;
            for (int k = 0; k < members.Length; k++)
            {
                var w = x.AsSpan(members[k] * d, d);
                bool toB = Dot(w, b) > Dot(w, a);
                if (toB != side[k]) { side[k] = toB; changed = true; }
            }
            if (!changed && round > 0) break;
            Array.Clear(a);
            Array.Clear(b);
            for (int k = 0; k < members.Length; k++) AddScaled(side[k] ? b : a, x.AsSpan(members[k] * d, d), 1);
            Normalise(a);
            Normalise(b);
        }
        int nb = 0;
        foreach (bool s in side) if (s) nb++;
        left = new int[members.Length - nb];
        right = new int[nb];
        int l = 0, r = 0;
        for (int k = 0; k < members.Length; k++)
            if (side[k]) right[r++] = members[k]; else left[l++] = members[k];
        return nb > 0 && nb < members.Length;
    }

    private static void Normalise(Span<float> v)
    {
        float n = MathF.Sqrt(Dot(v, v));
        if (n > 0) for (int i = 0; i < v.Length; i++) v[i] /= n;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        var acc = Vector<float>.Zero;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float s = Vector.Dot(acc, Vector<float>.One);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void AddScaled(Span<float> into, ReadOnlySpan<float> v, float scale)
    {
        int i = 0;
        var f = new Vector<float>(scale);
        for (; i <= into.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(into[i..]) + new Vector<float>(v[i..]) * f).CopyTo(into[i..]);
        for (; i < into.Length; i++) into[i] += v[i] * scale;
    }
}
