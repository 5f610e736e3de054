namespace Marsad.Extraction.Clusters;

/// <summary>Where a clustering run is: which phase and how many of its steps are done.</summary>
public readonly record struct BrownProgress(string Phase, int Done, int Total);

/// <summary>
/// The bit path of every vocabulary word (index as in <see cref="ClusterCorpus.Words"/>); words of one of the
/// final clusters share a path, and a prefix of a path is a coarser cluster.
/// </summary>
public sealed record BrownResult(string[] Paths, int Clusters, double MutualInformation);

/// <summary>
/// Brown clustering (Brown et al. 1992) with the windowed speed-up of Liang (2005, "Semi-supervised learning
/// for natural language", §3.2): the <c>C</c> most frequent words start as clusters; each next word (by
/// frequency) is added as one more cluster and the pair whose merge loses the least average mutual
/// information of the class bigram model is merged, so at most <c>C + 1</c> clusters are ever live. Then the
/// last <c>C</c> clusters are merged down to one; that merge tree gives the bit paths.
/// <para>
/// Cost O(V·C²): merge losses are kept for every pair and updated in O(1) per pair after each merge
/// (the terms of the two merged clusters are swapped for the terms of the new one), and only the new
/// cluster's losses are computed afresh in O(C). Dense (C+1)² tables, one thread, fixed visiting order and
/// ties broken by the lowest slot pair: the same corpus gives the same paths on every run.
/// </para>
/// </summary>
public sealed class BrownClustering
{
    private readonly ClusterCorpus _corpus;
    private readonly int _c;     // clusters kept
    private readonly int _k;     // slots: C + 1
    private readonly double[] _p;  // unigram probability of the cluster in a slot
    private readonly double[] _b;  // bigram probability slot s followed by slot t, at [s * K + t]
    private readonly double[] _q;  // q(s,t) = b log(b / (p_s p_t))
    private readonly double[] _l;  // merge loss of slots s < t, at [s * K + t]
    private readonly double[] _sum; // all q terms that involve the slot (row + column, the diagonal once)
    private readonly int[] _slotOfWord;
    private readonly List<int>[] _members;
    private readonly int[] _active; // live slots, ascending
    private int _live;
    private readonly double _n;
    // Scratch per merge: a slot's old terms with the two merged clusters (negated) and its new terms with the result.
    private readonly double[] _delta, _gain;

    private BrownClustering(ClusterCorpus corpus, int clusters)
    {
        _corpus = corpus;
        _c = Math.Min(clusters, corpus.Words.Length);
        _k = _c + 1;
        _p = new double[_k];
        _b = new double[_k * _k];
        _q = new double[_k * _k];
        _l = new double[_k * _k];
        _sum = new double[_k];
        _delta = new double[_k];
        _gain = new double[_k];
        _active = new int[_k];
        _members = new List<int>[_k];
        for (int s = 0; s < _k; s++) _members[s] = [];
        _slotOfWord = new int[corpus.Words.Length];
        Array.Fill(_slotOfWord, -1);
        long total = 0;
        foreach (long c in corpus.Counts) total += c;
        _n = total;
    }

    /// <summary>Clusters <paramref name="corpus"/> into <paramref name="clusters"/> classes (fewer when the vocabulary is smaller).</summary>
    public static BrownResult Run(ClusterCorpus corpus, int clusters, IProgress<BrownProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 2);
        if (corpus.Words.Length == 0) throw new ArgumentException("the corpus has no vocabulary", nameof(corpus));
        return new BrownClustering(corpus, clusters).Cluster(progress, cancellationToken);
    }

    private BrownResult Cluster(IProgress<BrownProgress>? progress, CancellationToken ct)
    {
        int v = _corpus.Words.Length;
        for (int w = 0; w < _c; w++) Place(w, w);
        // The first clusters' bigrams: each word's right neighbours give every cell once.
        var c = _corpus;
        for (int s = 0; s < _c; s++)
            for (int e = c.RightStart[s]; e < c.RightStart[s + 1]; e++)
                if (c.Right[e] < _c) _b[s * _k + c.Right[e]] += c.RightCount[e] / _n;
        for (int s = 0; s < _c; s++)
            for (int t = 0; t < _c; t++) _q[s * _k + t] = Q(_b[s * _k + t], _p[s], _p[t]);
        for (int s = 0; s < _c; s++) _sum[s] = SlotSum(s);
        for (int i = 0; i < _live; i++)
            for (int j = i + 1; j < _live; j++)
                _l[_active[i] * _k + _active[j]] = FreshLoss(_active[i], _active[j]);

        // Phase 1: every further word enters as a cluster, then the cheapest pair is merged.
        int steps = v - _c;
        int free = _c;
        for (int w = _c; w < v; w++)
        {
            ct.ThrowIfCancellationRequested();
            AddWord(w, free);
            var (a, b) = BestPair();
            free = Merge(a, b, tree: null);
            if (((w - _c) & 63) == 0) progress?.Report(new BrownProgress("words", w - _c, steps));
        }
        progress?.Report(new BrownProgress("words", steps, steps));

        // Phase 2: the C clusters merged down to one; the merges form the tree of the paths.
        double mi = MutualInformation();
        var leafOfWord = (int[])_slotOfWord.Clone();
        var tree = new MergeTree(_k);
        for (int i = 0; i < _live; i++) tree.Leaf(_active[i], _members[_active[i]].Min());
        int total = _live - 1;
        for (int done = 0; _live > 1; done++)
        {
            ct.ThrowIfCancellationRequested();
            var (a, b) = BestPair();
            Merge(a, b, tree);
            if ((done & 7) == 0) progress?.Report(new BrownProgress("tree", done, total));
        }
        progress?.Report(new BrownProgress("tree", total, total));

        var slotPaths = tree.LeafPaths();
        var paths = new string[v];
        for (int w = 0; w < v; w++) paths[w] = slotPaths[leafOfWord[w]];
        return new BrownResult(paths, _c, mi);
    }

    private void Place(int word, int slot)
    {
        _slotOfWord[word] = slot;
        _members[slot].Add(word);
        _p[slot] += _corpus.Counts[word] / _n;
        InsertActive(slot);
    }

    private void InsertActive(int slot)
    {
        int i = _live++;
        while (i > 0 && _active[i - 1] > slot) { _active[i] = _active[i - 1]; i--; }
        _active[i] = slot;
    }

    private void RemoveActive(int slot)
    {
        int i = Array.IndexOf(_active, slot, 0, _live);
        Array.Copy(_active, i + 1, _active, i, _live - i - 1);
        _live--;
    }

    /// <summary>The bigram row and column of a new slot that holds exactly one word, from that word's neighbours that are live.</summary>
    private void FillRowAndColumn(int s)
    {
        int w = _members[s][0];
        var c = _corpus;
        for (int e = c.RightStart[w]; e < c.RightStart[w + 1]; e++)
        {
            int t = _slotOfWord[c.Right[e]];
            if (t >= 0) _b[s * _k + t] += c.RightCount[e] / _n;
        }
        for (int e = c.LeftStart[w]; e < c.LeftStart[w + 1]; e++)
        {
            int t = _slotOfWord[c.Left[e]];
            if (t >= 0 && t != s) _b[t * _k + s] += c.LeftCount[e] / _n; // the diagonal came with the row
        }
        for (int i = 0; i < _live; i++)
        {
            int t = _active[i];
            _q[s * _k + t] = Q(_b[s * _k + t], _p[s], _p[t]);
            _q[t * _k + s] = Q(_b[t * _k + s], _p[t], _p[s]);
        }
    }

    private static double Q(double b, double pl, double pr) => b > 0 ? b * Math.Log(b / (pl * pr)) : 0;

    private double SlotSum(int s)
    {
        double sum = -_q[s * _k + s];
        for (int i = 0; i < _live; i++)
        {
            int t = _active[i];
            sum += _q[s * _k + t] + _q[t * _k + s];
        }
        return sum;
    }

    /// <summary>Loss of mutual information if slots s and t were merged, computed from scratch: O(C).</summary>
    private double FreshLoss(int s, int t)
    {
        int k = _k;
        double pm = _p[s] + _p[t];
        double loss = _sum[s] + _sum[t] - _q[s * k + t] - _q[t * k + s];
        for (int i = 0; i < _live; i++)
        {
            int u = _active[i];
            if (u == s || u == t) continue;
            loss -= Q(_b[s * k + u] + _b[t * k + u], pm, _p[u]) + Q(_b[u * k + s] + _b[u * k + t], _p[u], pm);
        }
        loss -= Q(_b[s * k + s] + _b[s * k + t] + _b[t * k + s] + _b[t * k + t], pm, pm);
        return loss;
    }

    private void AddWord(int w, int f)
    {
        int k = _k;
        Place(w, f);
        FillRowAndColumn(f);
        // Every other pair's loss now also counts its terms with the new cluster f.
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            if (i == f) continue;
            for (int y = x + 1; y < _live; y++)
            {
                int j = _active[y];
                if (j == f) continue;
                double pij = _p[i] + _p[j];
                _l[i * k + j] += _q[i * k + f] + _q[f * k + i] + _q[j * k + f] + _q[f * k + j]
                    - Q(_b[i * k + f] + _b[j * k + f], pij, _p[f]) - Q(_b[f * k + i] + _b[f * k + j], _p[f], pij);
            }
        }
        for (int x = 0; x < _live; x++)
        {
            int t = _active[x];
            if (t != f) _sum[t] += _q[t * k + f] + _q[f * k + t];
        }
        _sum[f] = SlotSum(f);
        for (int x = 0; x < _live; x++)
        {
            int t = _active[x];
            if (t != f) _l[Math.Min(t, f) * k + Math.Max(t, f)] = FreshLoss(t, f);
        }
    }

    private (int A, int B) BestPair()
    {
        double best = double.PositiveInfinity;
        int ba = -1, bb = -1;
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            int row = i * _k;
            for (int y = x + 1; y < _live; y++)
            {
                int j = _active[y];
                if (_l[row + j] < best) { best = _l[row + j]; ba = i; bb = j; }
            }
        }
        return (ba, bb);
    }

    /// <summary>Merges slots a &lt; b; the result lives in the slot with more member words (fewer to relabel). Returns the freed slot.</summary>
    private int Merge(int a, int b, MergeTree? tree)
    {
        int k = _k;
        // Pairs that involve neither: swap the a and b terms for the merged cluster's, in two halves around the update of the tables.
        double pa = _p[a], pb = _p[b];
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            if (i == a || i == b) continue;
            _delta[i] = -(_q[i * k + a] + _q[a * k + i] + _q[i * k + b] + _q[b * k + i]);
        }
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            if (i == a || i == b) continue;
            for (int y = x + 1; y < _live; y++)
            {
                int j = _active[y];
                if (j == a || j == b) continue;
                double pij = _p[i] + _p[j];
                _l[i * k + j] += _delta[i] + _delta[j]
                    + Q(_b[i * k + a] + _b[j * k + a], pij, pa) + Q(_b[a * k + i] + _b[a * k + j], pa, pij)
                    + Q(_b[i * k + b] + _b[j * k + b], pij, pb) + Q(_b[b * k + i] + _b[b * k + j], pb, pij);
            }
        }

        int keep = _members[a].Count >= _members[b].Count ? a : b, gone = keep == a ? b : a;
        // The merged cluster's bigrams: row and column of gone folded into keep (its diagonal gathers all four cells).
        double diag = _b[a * k + a] + _b[a * k + b] + _b[b * k + a] + _b[b * k + b];
        for (int x = 0; x < _live; x++)
        {
            int t = _active[x];
            if (t == a || t == b) continue;
            _b[keep * k + t] += _b[gone * k + t];
            _b[t * k + keep] += _b[t * k + gone];
        }
        _b[keep * k + keep] = diag;
        for (int t = 0; t < k; t++) { _b[gone * k + t] = 0; _b[t * k + gone] = 0; _q[gone * k + t] = 0; _q[t * k + gone] = 0; }
        for (int t = 0; t < k; t++) { _l[Math.Min(t, gone) * k + Math.Max(t, gone)] = 0; }
        _p[keep] = pa + pb;
        _p[gone] = 0;
        foreach (int w in _members[gone]) _slotOfWord[w] = keep;
        _members[keep].AddRange(_members[gone]);
        _members[gone].Clear();
        RemoveActive(gone);
        tree?.Join(keep, gone);

        int m = keep;
        double pm = _p[m];
        for (int x = 0; x < _live; x++)
        {
            int t = _active[x];
            _q[m * k + t] = Q(_b[m * k + t], pm, _p[t]);
            _q[t * k + m] = Q(_b[t * k + m], _p[t], pm);
        }
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            if (i == m) continue;
            _gain[i] = _q[i * k + m] + _q[m * k + i];
            _sum[i] += _delta[i] + _gain[i];
        }
        for (int x = 0; x < _live; x++)
        {
            int i = _active[x];
            if (i == m) continue;
            for (int y = x + 1; y < _live; y++)
            {
                int j = _active[y];
                if (j == m) continue;
                double pij = _p[i] + _p[j];
                _l[i * k + j] += _gain[i] + _gain[j] - Q(_b[i * k + m] + _b[j * k + m], pij, pm) - Q(_b[m * k + i] + _b[m * k + j], pm, pij);
            }
        }
        _sum[m] = SlotSum(m);
        for (int x = 0; x < _live; x++)
        {
            int t = _active[x];
            if (t != m) _l[Math.Min(t, m) * k + Math.Max(t, m)] = FreshLoss(t, m);
        }
        return gone;
    }

    private double MutualInformation()
    {
        double mi = 0;
        for (int x = 0; x < _live; x++)
            for (int y = 0; y < _live; y++)
                mi += _q[_active[x] * _k + _active[y]];
        return mi;
    }
}
