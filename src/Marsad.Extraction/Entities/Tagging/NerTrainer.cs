namespace Marsad.Extraction.Entities.Tagging;

/// <summary>Settings of <see cref="NerTrainer"/>.</summary>
public sealed record NerTrainingOptions
{
    /// <summary>Most passes over the training sentences.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>
    /// Share of a sentence's features left out (each feature of each token, drawn anew every epoch) while
    /// the sentence is decoded and updated. The perceptron otherwise leans on the word itself, which it has
    /// seen with its tag; without it half the time it learns the context that finds names it never saw.
    /// </summary>
    public float FeatureDropout { get; init; } = 0.3f;

    /// <summary>
    /// Added to every wrong tag's score while training (cost-augmented decoding): an update happens until the
    /// gold tags win by this margin, not just win, which generalises better than the plain perceptron.
    /// </summary>
    public float Margin { get; init; } = 10;

    /// <summary>With a dev set: stop after this many epochs without a better dev F1 (the best epoch's model is kept).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Seed of the per-epoch shuffle: the same data, options and seed give the same model bytes.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Features are hashed into 2^HashBits ids.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>
    /// The model's <see cref="NerModel.OutsideBias"/>; when null it is chosen on the dev set (the bias with the
    /// best dev F1), and is 0 without one.
    /// </summary>
    public float? OutsideBias { get; init; }

    /// <summary>Feature rows whose quantised weights are all below this many steps are dropped from the model.</summary>
    public int PruneBelow { get; init; } = 8;

    /// <summary>How the weights are learned: the averaged perceptron (the default) or a linear-chain CRF.</summary>
    public NerTrainerKind Trainer { get; init; } = NerTrainerKind.Perceptron;

    /// <summary><see cref="NerTrainerKind.Both"/> only: the CRF's share of the summed weights (0 to 1).</summary>
    public float CrfShare { get; init; } = 0.4f;

    /// <summary>CRF only: AdaGrad's base step size.</summary>
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>The CRF's settings: <see cref="NerTrainerKind.Crf"/> with the dropout and margin chosen for it (the rest as for the perceptron).</summary>
    public static NerTrainingOptions Crf => new() { Trainer = NerTrainerKind.Crf, FeatureDropout = 0, Margin = 4 };

    /// <summary>CRF only: the L2 term's strength λ in the objective (negative log-likelihood of all sentences + λ/2 ‖w‖²).</summary>
    public float L2 { get; init; } = 1f;

    /// <summary>
    /// 0 or 1: one pass. 2 or more: a stacked model (two passes): a first-pass model trained on all the data,
    /// and a second model that also reads first-pass tags of the whole document (<see cref="StackContext"/>),
    /// trained on tags of the training documents split into this many folds, each tagged by a first-pass model
    /// trained on the other folds (jackknifing: the second model sees first-pass tags as good as on new text).
    /// 5 by default (3-fold cross-validation inside the first 5/6 of ANERcorp: 3 / 5 / 10 folds 79.23 / 79.73
    /// / 79.54 against 79.06 for one pass; Data/ner/NOTICE.md).
    /// </summary>
    public int StackFolds { get; init; } = 5;

    /// <summary>
    /// Perceptrons trained with this many shuffle seeds (<see cref="Seed"/>, then Seed + 1, …) whose weights are
    /// averaged into one model: it tags at the same cost as one and varies less with the seed. 1: a single one.
    /// </summary>
    public int Ensemble { get; init; } = 1;
}

/// <summary>The learning algorithms of <see cref="NerTrainer"/>; both write the same kind of model.</summary>
public enum NerTrainerKind
{
    /// <summary>Averaged structured perceptron with cost-augmented decoding and feature dropout.</summary>
    Perceptron,

    /// <summary>Linear-chain CRF: log-likelihood by forward-backward, AdaGrad steps, L2.</summary>
    Crf,

    /// <summary>
    /// Both, trained on the same data, their weights each scaled to unit length and added
    /// (<see cref="NerTrainingOptions.CrfShare"/> of the CRF): still one linear model, so tagging costs the same.
    /// </summary>
    Both,
}

/// <summary>What one epoch did: mistakes on the training data, and the dev F1 when there is a dev set.</summary>
public sealed record NerEpochReport(int Epoch, int Epochs, double TrainTokenAccuracy, double? DevF1, bool Best);

/// <summary>The outside bias chosen on the dev set and the dev F1 it gives.</summary>
public sealed record NerBiasReport(float OutsideBias, double DevF1);

/// <summary>
/// Trains a <see cref="NerModel"/>: an averaged structured perceptron (Collins 2002) over the features of
/// <see cref="NerFeatures"/>, decoded with the same constrained Viterbi as tagging. Chosen over a CRF
/// because it needs no gradient or line search, trains in seconds per epoch on one core, is exactly
/// reproducible (integer-valued updates, a fixed-seed shuffle), and its averaged weights are about as
/// accurate as a CRF's for this feature set; it gives no probabilities, which nothing downstream needs.
/// </summary>
public sealed partial class NerTrainer
{
    private readonly EntityLexicon _lexicon;
    private readonly WordClusters? _clusters;
    private readonly NerTrainingOptions _options;
    private readonly TagSet _tags = TagSet.Default;

    public NerTrainer(EntityLexicon? lexicon = null, WordClusters? clusters = null, NerTrainingOptions? options = null)
    {
        _lexicon = lexicon ?? EntityLexicon.Default;
        _clusters = clusters;
        _options = options ?? new NerTrainingOptions();
        if (_options.HashBits is < 8 or > 26) throw new ArgumentOutOfRangeException(nameof(options), "HashBits must be 8 to 26");
        if (_options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), "Epochs must be at least 1");
        if (_options.FeatureDropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), "FeatureDropout must be at least 0 and below 1");
        if (_options.Margin < 0) throw new ArgumentOutOfRangeException(nameof(options), "Margin must not be negative");
        if (_options.CrfShare is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options), "CrfShare must be 0 to 1");
        if (!(_options.LearningRate > 0) || float.IsInfinity(_options.LearningRate)) throw new ArgumentOutOfRangeException(nameof(options), "LearningRate must be above 0");
        if (!(_options.L2 >= 0) || float.IsInfinity(_options.L2)) throw new ArgumentOutOfRangeException(nameof(options), "L2 must not be negative");
        if (_options.StackFolds is < 0 or > 50) throw new ArgumentOutOfRangeException(nameof(options), "StackFolds must be 0 to 50");
        if (_options.Ensemble is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(options), "Ensemble must be 1 to 64");
        _dropBelow = (int)(_options.FeatureDropout * 1024);
    }

    private readonly int _dropBelow; // a feature is left out when its draw (0..1023) is below this

    private sealed class Example
    {
        public required int[] Ids;     // token k's features at Ids[Offsets[k]..Offsets[k+1]]
        public required int[] Offsets;
        public required int[] Gold;
    }

    /// <summary>
    /// Trains on <paramref name="train"/>; with <paramref name="dev"/>, measures span F1 after each epoch
    /// and keeps the best epoch's model (early stopping). <paramref name="progress"/> gets (epoch, sentences
    /// done, sentences in the epoch); <paramref name="epochDone"/> one report per epoch.
    /// </summary>
    public NerModel Train(IReadOnlyList<ConllSentence> train, IReadOnlyList<ConllSentence>? dev = null,
        Action<int, int, int>? progress = null, Action<NerEpochReport>? epochDone = null, Action<NerBiasReport>? biasChosen = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        int mask = (1 << _options.HashBits) - 1;
        var projected = ConllCorpus.Project(train, _lexicon, _tags).ToList();
        var devProjected = dev is null ? null : ConllCorpus.Project(dev, _lexicon, _tags).ToList();
        var examples = Prepare(projected, mask, null);
        var devExamples = devProjected is null ? null : Prepare(devProjected, mask, null);
        if (_options.StackFolds < 2)
            return ChooseBias(TrainOne(examples, devExamples, progress, epochDone, cancellationToken), devExamples, biasChosen);
        // stacking: the first pass on all the data; the second on jackknifed first-pass tags of the training documents
        var first = TrainOne(examples, devExamples, progress, null, cancellationToken);
        if (_options.OutsideBias is { } fixedBias) first = first.WithOutsideBias(fixedBias);
        var heldOut = Jackknife(projected, examples, progress, cancellationToken);
        var stacked = Prepare(projected, mask, heldOut);
        var devStacked = devProjected is null ? null : Prepare(devProjected, mask, devExamples!.Select(e => Decode(first, e)).ToList());
        var second = TrainOne(stacked, devStacked, progress, epochDone, cancellationToken).WithFirstPass(first);
        return ChooseBias(second, devStacked, biasChosen);
    }

    private NerModel TrainOne(List<Example> examples, List<Example>? devExamples, Action<int, int, int>? progress,
        Action<NerEpochReport>? epochDone, CancellationToken cancellationToken) => _options.Trainer switch
    {
        NerTrainerKind.Crf => TrainCrf(examples, devExamples, progress, epochDone, cancellationToken),
        NerTrainerKind.Both => TrainBoth(examples, devExamples, progress, epochDone, cancellationToken),
        _ when _options.Ensemble > 1 => TrainEnsemble(examples, devExamples, progress, epochDone, cancellationToken),
        _ => TrainPerceptron(examples, devExamples, progress, epochDone, cancellationToken),
    };

    /// <summary>
    /// <see cref="NerTrainingOptions.Ensemble"/> perceptrons, each with its own shuffle seed, trained side by side
    /// and their weights averaged (in seed order, so the model bytes do not depend on the threads).
    /// </summary>
    private NerModel TrainEnsemble(List<Example> examples, List<Example>? devExamples, Action<int, int, int>? progress,
        Action<NerEpochReport>? epochDone, CancellationToken cancellationToken)
    {
        int k = _options.Ensemble;
        var models = new NerModel[k];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, k, parallel, m =>
        {
            var member = m == 0 ? this : new NerTrainer(_lexicon, _clusters, _options with { Seed = _options.Seed + m, Ensemble = 1 });
            models[m] = member.TrainPerceptron(examples, devExamples, m == 0 ? progress : null, m == 0 ? epochDone : null, cancellationToken);
        });
        int t = _tags.Count, size = 1 << _options.HashBits;
        var w = new float[size * t];
        var tw = new float[(t + 1) * t];
        foreach (var model in models) model.AddWeightsTo(w, tw, 1f / k);
        return NerModel.FromWeights(_tags, _options.HashBits, _clusters, w, tw, _options.PruneBelow);
    }

    /// <summary>
    /// First-pass tags of every training sentence from a model that did not see its document: the documents
    /// in <see cref="NerTrainingOptions.StackFolds"/> sequential folds, each tagged by a model trained on the others.
    /// </summary>
    private List<int[]> Jackknife(List<ConllCorpus.Projected> projected, List<Example> examples, Action<int, int, int>? progress, CancellationToken cancellationToken)
    {
        var docOf = new int[projected.Count];
        int docs = 0;
        for (int s = 0; s < projected.Count; s++)
        {
            if (s > 0 && !ReferenceEquals(projected[s].Facts, projected[s - 1].Facts)) docs++;
            docOf[s] = docs;
        }
        docs++;
        int folds = Math.Min(_options.StackFolds, docs);
        var tags = new int[projected.Count][];
        for (int f = 0; f < folds; f++)
        {
            var train = new List<Example>();
            var test = new List<int>();
            for (int s = 0; s < projected.Count; s++)
                if ((long)docOf[s] * folds / docs == f) test.Add(s); else train.Add(examples[s]);
            if (train.Count == 0) train = examples; // a single document: nothing else to learn from
            var model = TrainOne(train, null, progress, null, cancellationToken);
            foreach (int s in test) tags[s] = Decode(model, examples[s]);
        }
        return [.. tags];
    }

    private NerModel TrainPerceptron(List<Example> examples, List<Example>? devExamples, Action<int, int, int>? progress,
        Action<NerEpochReport>? epochDone, CancellationToken cancellationToken)
    {
        int t = _tags.Count, size = 1 << _options.HashBits;
        var w = new float[size * t];
        var u = new float[size * t];       // sum of c * update, for the average w - u / c
        var tw = new float[(t + 1) * t];
        var tu = new float[(t + 1) * t];
        float c = 1;
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var rng = new SeededRandom((ulong)_options.Seed);
        NerModel? best = null;
        double bestF1 = -1;
        int sinceBest = 0;
        int maxLen = examples.Select(e => e.Gold.Length).DefaultIfEmpty(1).Max();
        var emit = new float[maxLen * t];
        var score = new float[maxLen * t];
        var back = new int[maxLen * t];
        var pred = new int[maxLen];
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            Shuffle(order, ref rng);
            long right = 0, all = 0;
            for (int o = 0; o < order.Length; o++)
            {
                if ((o & 255) == 0) Tick(progress, epoch, o, order.Length, cancellationToken);
                var ex = examples[order[o]];
                int n = ex.Gold.Length;
                ulong dropKey = ((ulong)epoch << 40) ^ ((ulong)o << 8);
                FloatEmissions(w, t, ex, emit, dropKey);
                AddMargin(emit, ex.Gold, t, _options.Margin);
                Viterbi.Decode(_tags, emit, n, tw, score, back, pred);
                for (int k = 0; k < n; k++)
                {
                    all++;
                    if (pred[k] == ex.Gold[k]) { right++; continue; }
                    for (int f = ex.Offsets[k]; f < ex.Offsets[k + 1]; f++)
                    {
                        if (Dropped(dropKey, f)) continue;
                        int row = ex.Ids[f] * t;
                        w[row + ex.Gold[k]] += 1; u[row + ex.Gold[k]] += c;
                        w[row + pred[k]] -= 1; u[row + pred[k]] -= c;
                    }
                }
                for (int k = 0; k < n; k++)
                {
                    int gp = k == 0 ? t : ex.Gold[k - 1], pp = k == 0 ? t : pred[k - 1];
                    if (gp == pp && ex.Gold[k] == pred[k]) continue;
                    tw[gp * t + ex.Gold[k]] += 1; tu[gp * t + ex.Gold[k]] += c;
                    tw[pp * t + pred[k]] -= 1; tu[pp * t + pred[k]] -= c;
                }
                c++;
            }
            progress?.Invoke(epoch, order.Length, order.Length);
            var model = Averaged(w, u, tw, tu, c);
            double? f1 = devExamples is null ? null : F1(model, devExamples);
            bool isBest = f1 is null || f1 > bestF1;
            if (isBest) { best = model; bestF1 = f1 ?? bestF1; sinceBest = 0; }
            else sinceBest++;
            epochDone?.Invoke(new NerEpochReport(epoch, _options.Epochs, all == 0 ? 0 : (double)right / all, f1, isBest));
            if (devExamples is not null && sinceBest >= _options.Patience) break;
        }
        return best!;
    }

    private NerModel ChooseBias(NerModel best, List<Example>? devExamples, Action<NerBiasReport>? biasChosen)
    {
        if (_options.OutsideBias is { } fixedBias) return best.WithOutsideBias(fixedBias);
        if (devExamples is null) return best;
        double bestF1 = F1(best, devExamples);
        // recall for precision: the O bias with the best dev F1, on a grid in units of the transition scores
        float unit = 0;
        foreach (float x in best.Transitions) unit = Math.Max(unit, Math.Abs(x));
        unit = unit > 0 ? unit / 10 : 1;
        float bestBias = 0;
        for (int g = 1; g <= 10; g++)
        {
            float bias = g * unit;
            double f1 = F1(best.WithOutsideBias(bias), devExamples);
            if (f1 > bestF1) { bestF1 = f1; bestBias = bias; }
        }
        biasChosen?.Invoke(new NerBiasReport(bestBias, bestF1));
        return best.WithOutsideBias(bestBias);
    }

    /// <summary>Span F1 (exact span and type, as conlleval counts) of <paramref name="model"/> on sentences of a CoNLL file.</summary>
    public double Evaluate(NerModel model, IReadOnlyList<ConllSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        var projected = ConllCorpus.Project(sentences, _lexicon, _tags).ToList();
        var examples = Prepare(projected, model.Mask, null);
        if (model.FirstPass is { } first) examples = Prepare(projected, model.Mask, examples.Select(e => Decode(first, e)).ToList());
        return F1(model, examples);
    }

    private NerModel Averaged(float[] w, float[] u, float[] tw, float[] tu, float c)
    {
        var avg = new float[w.Length];
        for (int i = 0; i < w.Length; i++) avg[i] = w[i] - u[i] / c;
        var tavg = new float[tw.Length];
        for (int i = 0; i < tw.Length; i++) tavg[i] = tw[i] - tu[i] / c;
        return NerModel.FromWeights(_tags, _options.HashBits, _clusters, avg, tavg, _options.PruneBelow);
    }

    /// <summary>
    /// The features of each projected sentence; with <paramref name="firstPass"/> (a first-pass tag per token
    /// of each sentence) also the second pass's, from the first-pass tags of the sentence's whole document.
    /// </summary>
    private List<Example> Prepare(List<ConllCorpus.Projected> projected, int mask, List<int[]>? firstPass)
    {
        var list = new List<Example>(projected.Count);
        var b = new DocumentTagger.Buffers();
        var stack = firstPass is null ? null : new StackContext();
        for (int s = 0; s < projected.Count; s++)
        {
            var p = projected[s];
            if (stack is not null && (s == 0 || !ReferenceEquals(p.Facts, projected[s - 1].Facts)))
            {
                // the document's first-pass tags, from those of its sentences
                var doc = new int[p.Facts.Tokens.Length];
                for (int e = s; e < projected.Count && ReferenceEquals(projected[e].Facts, p.Facts); e++)
                    firstPass![e].CopyTo(doc, projected[e].Start);
                stack.Compute(p.Facts, doc, _tags);
            }
            int n = p.End - p.Start;
            DocumentTagger.Features(p.Facts, _clusters, mask, p.Start, p.End, b, _tags.Count, stack);
            var offsets = new int[n + 1];
            for (int k = 0; k < n; k++) offsets[k + 1] = offsets[k] + b.Counts[k];
            var ids = new int[offsets[n]];
            for (int k = 0; k < n; k++) Array.Copy(b.Ids, k * NerFeatures.MaxPerToken, ids, offsets[k], b.Counts[k]);
            list.Add(new Example { Ids = ids, Offsets = offsets, Gold = p.Gold });
        }
        return list;
    }

    /// <summary>Whether feature <paramref name="f"/> of the sentence is left out this epoch: a hash of (epoch, position in the epoch, feature), so a run is reproducible.</summary>
    private bool Dropped(ulong key, int f)
    {
        if (_dropBelow == 0) return false;
        ulong x = key ^ ((ulong)f * 0x9E3779B97F4A7C15UL);
        x ^= x >> 31;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 29;
        return (int)(x & 1023) < _dropBelow;
    }

    private void FloatEmissions(float[] w, int t, Example ex, float[] emit, ulong dropKey)
    {
        int n = ex.Gold.Length;
        Array.Clear(emit, 0, n * t);
        for (int k = 0; k < n; k++)
            for (int f = ex.Offsets[k]; f < ex.Offsets[k + 1]; f++)
            {
                if (Dropped(dropKey, f)) continue;
                int row = ex.Ids[f] * t;
                for (int j = 0; j < t; j++) emit[k * t + j] += w[row + j];
            }
    }

    /// <summary>The model's tags of one prepared sentence (its own features only: a stacked model's first pass is not run).</summary>
    private int[] Decode(NerModel model, Example ex)
    {
        int t = _tags.Count, n = ex.Gold.Length;
        var ids = new int[Math.Max(1, n) * NerFeatures.MaxPerToken];
        var counts = new int[n];
        for (int k = 0; k < n; k++)
        {
            counts[k] = ex.Offsets[k + 1] - ex.Offsets[k];
            Array.Copy(ex.Ids, ex.Offsets[k], ids, k * NerFeatures.MaxPerToken, counts[k]);
        }
        var emit = new float[n * t];
        model.Emissions(ids, counts, n, emit);
        var pred = new int[n];
        Viterbi.Decode(_tags, emit, n, model.Transitions, new float[n * t], new int[n * t], pred);
        return pred;
    }

    private double F1(NerModel model, List<Example> examples)
    {
        long tp = 0, fp = 0, fn = 0;
        foreach (var ex in examples)
        {
            var pred = Decode(model, ex);
            var g = Spans(ex.Gold);
            var p = Spans(pred);
            foreach (var s in p) if (g.Contains(s)) tp++; else fp++;
            foreach (var s in g) if (!p.Contains(s)) fn++;
        }
        double prec = tp + fp == 0 ? 0 : (double)tp / (tp + fp), rec = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
    }

    private HashSet<(int, int, string)> Spans(ReadOnlySpan<int> tags)
    {
        var set = new HashSet<(int, int, string)>();
        int start = -1;
        for (int k = 0; k <= tags.Length; k++)
        {
            bool inside = k < tags.Length && _tags.IsInside(tags[k]) && start >= 0 && _tags.TypeOf(tags[k]) == _tags.TypeOf(tags[start]);
            if (inside) continue;
            if (start >= 0) set.Add((start, k, _tags.TypeOf(tags[start])));
            start = k < tags.Length && tags[k] != 0 ? k : -1;
        }
        return set;
    }

    /// <summary>One Fisher-Yates pass with the trainer's seeded generator (the same order on every run).</summary>
    private static void Shuffle(int[] order, ref SeededRandom rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static void Tick(Action<int, int, int>? progress, int epoch, int done, int all, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Invoke(epoch, done, all);
    }

    /// <summary>Adds <paramref name="margin"/> to every wrong tag's score of a sentence (cost-augmented training).</summary>
    private static void AddMargin(float[] emit, int[] gold, int t, float margin)
    {
        if (margin <= 0) return;
        for (int k = 0; k < gold.Length; k++)
            for (int j = 0; j < t; j++)
                if (j != gold[k]) emit[k * t + j] += margin;
    }
}
