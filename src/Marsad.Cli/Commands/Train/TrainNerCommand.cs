using System.CommandLine;
using System.Diagnostics;
using Marsad.Extraction.Entities.Tagging;
using Marsad.Ingest;
using Spectre.Console;

namespace Marsad.Cli.Commands.Train;

/// <summary>
/// <c>marsad train ner --train FILE.conll [--dev FILE.conll] [--clusters FILE] --out MODEL</c>: trains the
/// entity tagger (averaged perceptron, or a linear-chain CRF with --trainer crf) with a progress bar, reports each epoch's dev F1, stops early when
/// dev F1 stops improving, and writes the model file.
/// </summary>
public static class TrainNerCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "Training data: CoNLL, token first and BIO tag last (PERS LOC ORG MISC), blank line between sentences.", Required = true };
        var dev = new Option<string?>("--dev") { Description = "Development data in the same layout: dev F1 after each epoch, early stopping, the best epoch is kept." };
        var clusters = new Option<string?>("--clusters") { Description = "A word-cluster file (STEM TAB PATH TAB COUNT), or several separated by commas whose paths are read side by side (Brown, then embedding clusters); the model then expects exactly these files." };
        var noClusters = new Option<bool>("--no-clusters") { Description = "Train without word clusters even when this build ships them." };
        var output = new Option<string>("--out") { Description = "Where to write the model.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Most passes over the data.", DefaultValueFactory = _ => new NerTrainingOptions().Epochs };
        var patience = new Option<int>("--patience") { Description = "With --dev: stop after this many epochs without a better dev F1.", DefaultValueFactory = _ => new NerTrainingOptions().Patience };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed (same data and seed, same model bytes).", DefaultValueFactory = _ => new NerTrainingOptions().Seed };
        var bias = new Option<float?>("--outside-bias") { Description = "Subtract this from every O score (more names found); default: chosen on --dev, else 0." };
        var dropout = new Option<float?>("--dropout") { Description = $"Share of the features left out of each training update (0 to below 1); makes the model learn context, not just the words it saw. Default {new NerTrainingOptions().FeatureDropout} for the perceptron, {NerTrainingOptions.Crf.FeatureDropout} for the CRF." };
        var margin = new Option<float?>("--margin") { Description = $"Training margin: every wrong tag's score is raised by this while training (0 = the plain perceptron or CRF; for the CRF a softmax-margin). Default {new NerTrainingOptions().Margin} for the perceptron, {NerTrainingOptions.Crf.Margin} for the CRF." };
        var hashBits = new Option<int>("--hash-bits") { Description = "Features are hashed into 2^N ids (8 to 26); more bits, fewer collisions, a larger model.", DefaultValueFactory = _ => new NerTrainingOptions().HashBits };
        var trainer = new Option<string>("--trainer") { Description = "perceptron (averaged structured perceptron), crf (linear-chain CRF, AdaGrad with L2), or both (the two summed into one model; --dropout and --margin then set the perceptron's).", DefaultValueFactory = _ => "perceptron" };
        var rate = new Option<float>("--learning-rate") { Description = "CRF only: AdaGrad's base step size.", DefaultValueFactory = _ => new NerTrainingOptions().LearningRate };
        var l2 = new Option<float>("--l2") { Description = "CRF only: the L2 strength λ (objective: negative log-likelihood + λ/2 ‖w‖²).", DefaultValueFactory = _ => new NerTrainingOptions().L2 };
        var share = new Option<float>("--crf-share") { Description = "With --trainer both: the CRF's share of the summed weights (0 to 1).", DefaultValueFactory = _ => new NerTrainingOptions().CrfShare };
        var stackFolds = new Option<int>("--stack-folds") { Description = "0: one pass. N ≥ 2: two passes (stacking): a second model also reads the first pass's tags of the whole document (the other occurrences of a word, the spans they lie in), trained on first-pass tags of N folds of the training documents, each tagged by a model trained on the others.", DefaultValueFactory = _ => new NerTrainingOptions().StackFolds };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var ensemble = new Option<int>("--ensemble") { Description = "Perceptron (and the perceptron part of --trainer both): train this many with consecutive shuffle seeds (--seed, --seed + 1, …) and average their weights into one model; tags at the cost of one. 1 to 64.", DefaultValueFactory = _ => new NerTrainingOptions().Ensemble };
        var cmd = new Command("ner", "Train the entity tagger on a CoNLL file and write a model file.") { train, dev, clusters, noClusters, output, epochs, patience, seed, bias, dropout, margin, hashBits, trainer, rate, l2, share, stackFolds, ensemble, quiet };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            string trainPath = r.GetValue(train)!, outPath = r.GetValue(output)!;
            string? devPath = r.GetValue(dev), clusterPath = r.GetValue(clusters);
            foreach (var p in new[] { trainPath, devPath }.Concat(clusterPath?.Split(',') ?? []))
                if (p is not null && !File.Exists(p)) throw new InputException(p, "no such file");
            if (clusterPath is not null && r.GetValue(noClusters)) throw new InputException("--clusters", "cannot be given with --no-clusters");
            var wc = clusterPath is not null ? WordClusters.Load(clusterPath.Split(',')) : r.GetValue(noClusters) ? null : WordClusters.Default;
            var defaults = r.GetValue(trainer) switch
            {
                "perceptron" => new NerTrainingOptions(),
                "crf" => NerTrainingOptions.Crf,
                "both" => new NerTrainingOptions { Trainer = NerTrainerKind.Both },
                var other => throw new InputException("--trainer", $"'{other}' is not perceptron, crf or both"),
            };
            var options = defaults with
            {
                Epochs = r.GetValue(epochs), Patience = r.GetValue(patience), Seed = r.GetValue(seed), OutsideBias = r.GetValue(bias),
                FeatureDropout = r.GetValue(dropout) ?? defaults.FeatureDropout, Margin = r.GetValue(margin) ?? defaults.Margin, HashBits = r.GetValue(hashBits),
                LearningRate = r.GetValue(rate), L2 = r.GetValue(l2), CrfShare = r.GetValue(share), StackFolds = r.GetValue(stackFolds), Ensemble = r.GetValue(ensemble),
            };
            if (options.CrfShare is not (>= 0 and <= 1)) throw new InputException("--crf-share", "must be 0 to 1");
            if (!(options.LearningRate > 0) || float.IsInfinity(options.LearningRate)) throw new InputException("--learning-rate", "must be above 0");
            if (!(options.L2 >= 0) || float.IsInfinity(options.L2)) throw new InputException("--l2", "must not be negative");
            if (options.StackFolds is < 0 or 1 or > 50) throw new InputException("--stack-folds", "must be 0 (one pass) or 2 to 50");
            if (options.Ensemble is < 1 or > 64) throw new InputException("--ensemble", "must be 1 to 64");
            if (options.Ensemble > 1 && options.Trainer == NerTrainerKind.Crf) throw new InputException("--ensemble", "only averages perceptrons (--trainer perceptron, or both: the CRF is then added to the perceptrons' average)");
            if (options.Epochs < 1) throw new InputException("--epochs", "must be at least 1");
            if (options.FeatureDropout is < 0 or >= 1) throw new InputException("--dropout", "must be at least 0 and below 1");
            if (options.Margin < 0) throw new InputException("--margin", "must not be negative");
            if (options.HashBits is < 8 or > 26) throw new InputException("--hash-bits", "must be 8 to 26");
            var sw = Stopwatch.StartNew();
            var trainSet = ConllCorpus.Read(trainPath);
            var devSet = devPath is null ? null : ConllCorpus.Read(devPath);
            var nerTrainer = new NerTrainer(clusters: wc, options: options);
            bool q = r.GetValue(quiet);
            bool interactive = !q && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            var reports = new List<NerEpochReport>();
            void Report(NerEpochReport e)
            {
                reports.Add(e);
                if (q) return;
                string f1 = e.DevF1 is { } d ? $", dev F1 {100 * d:0.00}{(e.Best ? " (best)" : "")}" : "";
                Console.Error.WriteLine($"marsad: epoch {e.Epoch}/{e.Epochs}: train token accuracy {100 * e.TrainTokenAccuracy:0.00}%{f1}");
            }
            void Bias(NerBiasReport b)
            {
                if (!q) Console.Error.WriteLine($"marsad: outside bias {b.OutsideBias:0.###} chosen on dev: dev F1 {100 * b.DevF1:0.00}");
            }
            NerModel model = null!;
            if (interactive)
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("features", maxValue: options.Epochs);
                        model = nerTrainer.Train(trainSet, devSet,
                            (epoch, done, total) =>
                            {
                                task.Description = $"epoch {epoch}/{options.Epochs}";
                                task.Value = epoch - 1 + (total == 0 ? 1 : (double)done / total);
                            },
                            Report, Bias);
                        task.Value = options.Epochs;
                    });
            }
            else model = nerTrainer.Train(trainSet, devSet, null, Report, Bias);
            model.Save(outPath);
            var best = reports.Where(e => e.Best).LastOrDefault();
            long bytes = new FileInfo(outPath).Length;
            string devPart = best?.DevF1 is { } bf ? $"; best dev F1 {100 * bf:0.00} at epoch {best.Epoch}" : "";
            Console.Error.WriteLine($"marsad: trained on {trainSet.Count:N0} sentences in {sw.Elapsed.TotalSeconds:0.0}s, {reports.Count} epochs{(options.Trainer == NerTrainerKind.Both ? " (perceptron then CRF)" : "")}{(model.FirstPass is not null ? $" (the second pass; a first pass and {options.StackFolds} jackknifed ones before it)" : "")}{devPart}; "
                + $"outside bias {model.OutsideBias:0.###}, {model.RowCount:N0} feature rows, clusters {(wc is null ? "none" : wc.Hash)}; wrote {outPath} ({bytes / 1024.0 / 1024.0:0.00} MB)");
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
