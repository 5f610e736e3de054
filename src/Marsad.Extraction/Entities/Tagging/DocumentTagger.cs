namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// Runs features and decoding over a document's sentences (runs of tokens with the same
/// <see cref="Marsad.Analysis.WordToken.Sentence"/>). The buffers live per thread and only grow, so
/// tagging allocates nothing per token.
/// </summary>
internal static class DocumentTagger
{
    internal sealed class Buffers
    {
        public NerFeatures.TokenHashes[] Hashes = new NerFeatures.TokenHashes[64];
        public byte[] Lex = new byte[64];
        public int[] Ids = new int[64 * NerFeatures.MaxPerToken];
        public int[] Counts = new int[64];
        public float[] Emit = new float[64 * 16];
        public float[] Score = new float[64 * 16];
        public int[] Back = new int[64 * 16];
        public int[] Out = new int[64];
        public DocumentContext Doc = new();
        public StackContext Stack = new();
        public int[] First = new int[64];
        public NerFeatures.TokenHashes[] DocHashes = new NerFeatures.TokenHashes[64];

        /// <summary>Room for a whole document's first-pass tags and token hashes (a stacked model's two passes).</summary>
        public void EnsureDocument(int n)
        {
            if (First.Length < n) First = new int[Math.Max(n, First.Length * 2)];
            if (DocHashes.Length < n) DocHashes = new NerFeatures.TokenHashes[Math.Max(n, DocHashes.Length * 2)];
        }

        public void Ensure(int n, int tags)
        {
            if (Hashes.Length < n)
            {
                int size = Math.Max(n, Hashes.Length * 2);
                Hashes = new NerFeatures.TokenHashes[size];
                Lex = new byte[size];
                Ids = new int[size * NerFeatures.MaxPerToken];
                Counts = new int[size];
                Out = new int[size];
            }
            if (Emit.Length < n * tags)
            {
                int size = Math.Max(n * tags, Emit.Length * 2);
                Emit = new float[size];
                Score = new float[size];
                Back = new int[size];
            }
        }
    }

    [ThreadStatic] private static Buffers? _buffers;

    internal static Buffers ThreadBuffers => _buffers ??= new Buffers();

    /// <summary>Calls <paramref name="sentence"/> with each sentence's token range [start, end).</summary>
    public static void Sentences(TokenFacts facts, Action<int, int> sentence)
    {
        var t = facts.Tokens;
        int start = 0;
        for (int i = 1; i <= t.Length; i++)
            if (i == t.Length || t[i].Sentence != t[start].Sentence)
            {
                sentence(start, i);
                start = i;
            }
    }

    /// <summary>Hashes and extracts the features of tokens [start, end) into <paramref name="b"/>.</summary>
    public static void Features(TokenFacts facts, WordClusters? clusters, int mask, int start, int end, Buffers b, int tags, StackContext? stack = null)
    {
        int n = end - start;
        b.Ensure(n, tags);
        b.Doc.Compute(facts);
        NerFeatures.Hash(facts, clusters, b.Doc, stack, start, end, b.Hashes, b.Lex);
        NerFeatures.Extract(b.Hashes.AsSpan(0, n), mask, b.Ids, b.Counts);
    }

    /// <summary>
    /// The model's tag (an index of <see cref="NerModel.Tags"/>) of every token of the document. A stacked
    /// model first tags the document with its <see cref="NerModel.FirstPass"/>, then reads those tags.
    /// </summary>
    public static void Tag(NerModel model, TokenFacts facts, int[] output)
    {
        var b = ThreadBuffers;
        b.Doc.Reset(); // the rules' tags may have changed since these facts were last seen
        if (model.FirstPass is { } first)
        {
            int n = facts.Tokens.Length;
            b.EnsureDocument(n);
            b.Doc.Compute(facts);
            Pass(first, facts, b.First, b, keepHashes: true);
            b.Stack.Compute(facts, b.First.AsSpan(0, n), model.Tags);
            // the second pass: the first pass's token hashes, with the first-pass tags added
            for (int i = 0; i < n; i++) NerFeatures.SetStack(ref b.DocHashes[i], b.Stack, i);
            Pass(model, facts, output, b, reuse: true);
        }
        else Pass(model, facts, output, b);
    }

    /// <summary>
    /// Tags every sentence. With <paramref name="keepHashes"/> the token hashes of the whole document stay in
    /// <see cref="Buffers.DocHashes"/>; with <paramref name="reuse"/> they are read from there, not computed again.
    /// </summary>
    private static void Pass(NerModel model, TokenFacts facts, int[] output, Buffers b, bool keepHashes = false, bool reuse = false)
    {
        int tags = model.Tags.Count;
        var t = facts.Tokens;
        int start = 0;
        for (int i = 1; i <= t.Length; i++)
        {
            if (i < t.Length && t[i].Sentence == t[start].Sentence) continue;
            int n = i - start;
            if (keepHashes || reuse)
            {
                b.Ensure(n, tags);
                var hashes = b.DocHashes.AsSpan(start, n);
                if (!reuse) NerFeatures.Hash(facts, model.Clusters, b.Doc, null, start, i, hashes, b.Lex);
                NerFeatures.Extract(hashes, model.Mask, b.Ids, b.Counts);
            }
            else Features(facts, model.Clusters, model.Mask, start, i, b, tags);
            model.Emissions(b.Ids, b.Counts, n, b.Emit);
            Viterbi.Decode(model.Tags, b.Emit, n, model.Transitions, b.Score, b.Back, b.Out);
            Array.Copy(b.Out, 0, output, start, n);
            start = i;
        }
    }
}
