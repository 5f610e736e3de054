namespace Marsad.Extraction.Entities.Tagging;

public sealed partial class NerTrainer
{
    /// <summary>
    /// A linear-chain CRF (Lafferty et al. 2001) over the same hashed features and the same BIO constraints:
    /// each sentence's log-likelihood gradient comes from forward-backward (forbidden transitions have
    /// probability 0, so the marginals only cover valid BIO sequences), and each weight it touches takes
    /// one AdaGrad step (Duchi et al. 2011); every few sentences all weights are pulled toward 0 by their share of the L2 term. The epoch's weights are averaged over
    /// the steps, as the perceptron's are. Single-threaded, a fixed-seed shuffle and the same feature dropout
    /// as the perceptron, so the same data, options and seed give the same model bytes.
    /// </summary>
    private NerModel TrainCrf(List<Example> examples, List<Example>? devExamples, Action<int, int, int>? progress,
        Action<NerEpochReport>? epochDone, CancellationToken cancellationToken)
    {
        int t = _tags.Count, size = 1 << _options.HashBits, tt = (t + 1) * t;
        var w = new float[size * t];
        var g2 = new float[size * t];     // AdaGrad's sum of squared gradients
        var u = new float[size * t];      // sum of c * step, for the average w - u / c
        var tw = new float[tt];
        var tg2 = new float[tt];
        var tu = new float[tt];
        float eta = _options.LearningRate, l2 = _options.L2, c = 1;
        const float Eps = 1e-6f;
        // start and BIO constraints: a forbidden transition is never scored (probability 0)
        var allowed = new bool[tt];
        for (int b = 0; b < t; b++)
        {
            allowed[t * t + b] = _tags.AllowedAtStart(b);
            for (int a = 0; a < t; a++) allowed[a * t + b] = _tags.Allowed(a, b);
        }
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var rng = new SeededRandom((ulong)_options.Seed);
        NerModel? best = null;
        double bestF1 = -1;
        int sinceBest = 0;
        int maxLen = examples.Select(e => e.Gold.Length).DefaultIfEmpty(1).Max();
        var emit = new float[maxLen * t];
        var fb = new ForwardBackward(maxLen, t);
        var expTrans = new double[tt];
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
                AddMargin(emit, ex.Gold, t, _options.Margin); // softmax-margin: wrong tags are made likelier while training
                for (int i = 0; i < tt; i++) expTrans[i] = allowed[i] ? Math.Exp(tw[i]) : 0;
                fb.Run(emit, n, expTrans);
                // emission gradients: marginal minus gold, one AdaGrad step per weight touched
                for (int k = 0; k < n; k++)
                {
                    int gold = ex.Gold[k], arg = 0;
                    var p = fb.Unary.AsSpan(k * t, t);
                    for (int j = 1; j < t; j++) if (p[j] > p[arg]) arg = j;
                    all++;
                    if (arg == gold) right++;
                    for (int f = ex.Offsets[k]; f < ex.Offsets[k + 1]; f++)
                    {
                        if (Dropped(dropKey, f)) continue;
                        int row = ex.Ids[f] * t;
                        for (int j = 0; j < t; j++)
                        {
                            int x = row + j;
                            float g = (float)p[j] - (j == gold ? 1f : 0f);
                            if (g == 0) continue;
                            g2[x] += g * g;
                            float step = eta * g / MathF.Sqrt(g2[x] + Eps);
                            w[x] -= step;
                            u[x] -= c * step;
                        }
                    }
                }
                // transition gradients: pairwise marginals minus the gold pairs
                var pair = fb.Pair;
                Array.Clear(fb.TransGrad);
                for (int b = 0; b < t; b++) fb.TransGrad[t * t + b] = fb.Unary[b];
                for (int k = 1; k < n; k++)
                    for (int i = 0; i < t * t; i++) fb.TransGrad[i] += pair[k * t * t + i];
                fb.TransGrad[t * t + ex.Gold[0]] -= 1;
                for (int k = 1; k < n; k++) fb.TransGrad[ex.Gold[k - 1] * t + ex.Gold[k]] -= 1;
                for (int i = 0; i < tt; i++)
                {
                    if (!allowed[i]) continue;
                    float g = (float)fb.TransGrad[i];
                    if (g == 0) continue;
                    tg2[i] += g * g;
                    float step = eta * g / MathF.Sqrt(tg2[i] + Eps);
                    tw[i] -= step;
                    tu[i] -= c * step;
                }
                c++;
                if (l2 > 0 && ((o + 1) % DecayEvery == 0 || o + 1 == order.Length))
                {
                    // the L2 term's share of the sentences since the last decay, as a proximal AdaGrad step
                    float share = l2 * ((o % DecayEvery) + 1) / order.Length;
                    Decay(w, g2, u, share, eta, c);
                    Decay(tw, tg2, tu, share, eta, c);
                }
            }
            progress?.Invoke(epoch, order.Length, order.Length);
            var avg = new float[w.Length];
            for (int i = 0; i < w.Length; i++) avg[i] = w[i] - u[i] / c;
            var tavg = new float[tt];
            for (int i = 0; i < tt; i++) tavg[i] = allowed[i] ? tw[i] - tu[i] / c : 0;
            var model = NerModel.FromWeights(_tags, _options.HashBits, _clusters, avg, tavg, _options.PruneBelow);
            double? f1 = devExamples is null ? null : F1(model, devExamples);
            bool isBest = f1 is null || f1 > bestF1;
            if (isBest) { best = model; bestF1 = f1 ?? bestF1; sinceBest = 0; }
            else sinceBest++;
            epochDone?.Invoke(new NerEpochReport(epoch, _options.Epochs, all == 0 ? 0 : (double)right / all, f1, isBest));
            if (devExamples is not null && sinceBest >= _options.Patience) break;
        }
        return best!;
    }

    /// <summary>
    /// The perceptron with this trainer's settings and the CRF with its own dropout and margin
    /// (<see cref="NerTrainingOptions.Crf"/>) on the same prepared sentences, summed into one model.
    /// </summary>
    private NerModel TrainBoth(List<Example> examples, List<Example>? devExamples, Action<int, int, int>? progress,
        Action<NerEpochReport>? epochDone, CancellationToken cancellationToken)
    {
        var perceptron = _options.Ensemble > 1
            ? TrainEnsemble(examples, devExamples, progress, epochDone, cancellationToken)
            : TrainPerceptron(examples, devExamples, progress, epochDone, cancellationToken);
        var crfOptions = _options with { Trainer = NerTrainerKind.Crf, FeatureDropout = NerTrainingOptions.Crf.FeatureDropout, Margin = NerTrainingOptions.Crf.Margin };
        var crf = new NerTrainer(_lexicon, _clusters, crfOptions).TrainCrf(examples, devExamples, progress, epochDone, cancellationToken);
        int t = _tags.Count, size = 1 << _options.HashBits;
        var w = new float[size * t];
        var tw = new float[(t + 1) * t];
        perceptron.AddWeightsTo(w, tw, (1 - _options.CrfShare) / perceptron.WeightNorm());
        crf.AddWeightsTo(w, tw, _options.CrfShare / crf.WeightNorm());
        return NerModel.FromWeights(_tags, _options.HashBits, _clusters, w, tw, _options.PruneBelow);
    }

    /// <summary>Sentences between two L2 decays of all the weights.</summary>
    private const int DecayEvery = 64;

    /// <summary>
    /// Shrinks every weight toward 0 by the L2 term <paramref name="share"/>·w²/2 as a proximal step of
    /// AdaGrad's own per-weight size (a weight never updated has no step size and stays 0).
    /// </summary>
    private static void Decay(float[] w, float[] g2, float[] u, float share, float eta, float c)
    {
        for (int x = 0; x < w.Length; x++)
        {
            if (w[x] == 0) continue;
            float shrunk = w[x] / (1 + eta * share / MathF.Sqrt(g2[x] + 1e-6f));
            u[x] += c * (shrunk - w[x]);
            w[x] = shrunk;
        }
    }

    /// <summary>
    /// Scaled forward-backward over one sentence (Rabiner's scaling: each position's forward scores sum
    /// to 1), giving the marginal of every tag at every token and of every tag pair at every boundary.
    /// Emission scores are shifted by their maximum at each token before exponentiation, which the
    /// normalisation cancels, so no score overflows.
    /// </summary>
    private sealed class ForwardBackward(int maxLen, int t)
    {
        private readonly double[] _alpha = new double[maxLen * t];
        private readonly double[] _beta = new double[maxLen * t];
        private readonly double[] _psi = new double[maxLen * t];   // exp(emit - max) per token
        public readonly double[] Unary = new double[maxLen * t];
        public readonly double[] Pair = new double[maxLen * t * t]; // [k][a][b]: tag a at k-1, b at k
        public readonly double[] TransGrad = new double[(t + 1) * t];

        public void Run(float[] emit, int n, double[] expTrans)
        {
            for (int k = 0; k < n; k++)
            {
                float max = float.NegativeInfinity;
                for (int j = 0; j < t; j++) max = Math.Max(max, emit[k * t + j]);
                for (int j = 0; j < t; j++) _psi[k * t + j] = Math.Exp(emit[k * t + j] - max);
            }
            double sum = 0;
            for (int b = 0; b < t; b++) sum += _alpha[b] = expTrans[t * t + b] * _psi[b];
            Scale(_alpha.AsSpan(0, t), sum);
            for (int k = 1; k < n; k++)
            {
                sum = 0;
                for (int b = 0; b < t; b++)
                {
                    double s = 0;
                    for (int a = 0; a < t; a++) s += _alpha[(k - 1) * t + a] * expTrans[a * t + b];
                    sum += _alpha[k * t + b] = s * _psi[k * t + b];
                }
                Scale(_alpha.AsSpan(k * t, t), sum);
            }
            for (int b = 0; b < t; b++) _beta[(n - 1) * t + b] = 1;
            for (int k = n - 2; k >= 0; k--)
            {
                sum = 0;
                for (int a = 0; a < t; a++)
                {
                    double s = 0;
                    for (int b = 0; b < t; b++) s += expTrans[a * t + b] * _psi[(k + 1) * t + b] * _beta[(k + 1) * t + b];
                    sum += _beta[k * t + a] = s;
                }
                Scale(_beta.AsSpan(k * t, t), sum);
            }
            for (int k = 0; k < n; k++)
            {
                sum = 0;
                for (int j = 0; j < t; j++) sum += Unary[k * t + j] = _alpha[k * t + j] * _beta[k * t + j];
                Scale(Unary.AsSpan(k * t, t), sum);
            }
            for (int k = 1; k < n; k++)
            {
                var p = Pair.AsSpan(k * t * t, t * t);
                sum = 0;
                for (int a = 0; a < t; a++)
                    for (int b = 0; b < t; b++)
                        sum += p[a * t + b] = _alpha[(k - 1) * t + a] * expTrans[a * t + b] * _psi[k * t + b] * _beta[k * t + b];
                Scale(p, sum);
            }
        }

        private static void Scale(Span<double> v, double sum)
        {
            if (!(sum > 0) || double.IsInfinity(sum)) throw new InvalidOperationException("CRF forward-backward lost all probability mass (weights diverged; lower the learning rate)");
            double inv = 1 / sum;
            for (int i = 0; i < v.Length; i++) v[i] *= inv;
        }
    }
}
