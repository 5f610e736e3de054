using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Clusters;
using Marsad.Ingest;
using Spectre.Console;

namespace Marsad.Cli.Commands.Train;

/// <summary>
/// <c>marsad train clusters --input CORPUS --out FILE</c>: Brown word clusters over the stems of a JSON Lines
/// corpus (<see cref="BrownClustering"/>), written as a cluster file (<see cref="ClusterFile"/>).
/// </summary>
public static class TrainClustersCommand
{
    public sealed record Settings(string Input, string Output, int Clusters, int MinCount, int MaxWords, int? Limit, bool Quiet)
    {
        /// <summary>brown (the default) or embeddings (skip-gram vectors, then a bisecting k-means tree).</summary>
        public string Method { get; init; } = "brown";

        /// <summary>With the embeddings method: vectors' length, passes, and the tree's depth.</summary>
        public int Dimensions { get; init; } = 100;
        public int Epochs { get; init; } = 5;
        public int Depth { get; init; } = 14;
        public int Window { get; init; } = 5;
    }

    public static Command Create()
    {
        var input = new Option<string>("--input", "-i") { Description = "JSON Lines corpus (optionally .gz), e.g. ../shared/corpus/ant-multisource-v2.1.jsonl.gz.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The cluster file to write (TSV: STEM, PATH, COUNT).", Required = true };
        var clusters = new Option<int>("--clusters", "-c") { Description = "Number of clusters C (leaves of the tree); the cost grows with C².", DefaultValueFactory = _ => 256 };
        var minCount = new Option<int>("--min-count") { Description = "Leave out stems seen fewer times.", DefaultValueFactory = _ => 5 };
        var maxWords = new Option<int>("--max-words") { Description = "At most this many stems, the most frequent.", DefaultValueFactory = _ => 50_000 };
        var limit = new Option<int?>("--limit", "-n") { Description = "Read only the first N articles (to try settings on a subset)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var method = new Option<string>("--method") { Description = "brown: Brown clustering of the word bigrams; embeddings: skip-gram word vectors (negative sampling) split into a binary tree by bisecting k-means. Both write the same file layout.", DefaultValueFactory = _ => "brown" };
        var dimensions = new Option<int>("--dimensions") { Description = "embeddings: length of the word vectors.", DefaultValueFactory = _ => 100 };
        var epochs = new Option<int>("--epochs") { Description = "embeddings: passes over the corpus.", DefaultValueFactory = _ => 5 };
        var window = new Option<int>("--window") { Description = "embeddings: most words on each side that count as a word's context.", DefaultValueFactory = _ => 5 };
        var depth = new Option<int>("--depth") { Description = "embeddings: most bits of a path (the tree's depth).", DefaultValueFactory = _ => 14 };
        var cmd = new Command("clusters", "Word clusters of text-stage stems from a JSON Lines corpus (Brown clusters, or embedding clusters with --method embeddings), for the entity tagger's features.")
        {
            input, output, clusters, minCount, maxWords, limit, quiet, method, dimensions, epochs, depth, window,
        };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(() => Task.FromResult(Run(new Settings(r.GetValue(input)!, r.GetValue(output)!,
            r.GetValue(clusters), r.GetValue(minCount), r.GetValue(maxWords), r.GetValue(limit), r.GetValue(quiet))
        {
            Method = r.GetValue(method)!, Dimensions = r.GetValue(dimensions), Epochs = r.GetValue(epochs), Depth = r.GetValue(depth), Window = r.GetValue(window),
        }, Console.Out, ct))));
        return cmd;
    }

    public static int Run(Settings s, TextWriter summary, CancellationToken ct)
    {
        if (s.Clusters < 2) throw new InputException("--clusters", "must be at least 2");
        if (s.Method is not ("brown" or "embeddings")) throw new InputException("--method", $"'{s.Method}' is not a method; use brown or embeddings");
        if (s.Dimensions is < 2 or > 1000) throw new InputException("--dimensions", "must be 2 to 1000");
        if (s.Epochs is < 1 or > 100) throw new InputException("--epochs", "must be 1 to 100");
        if (s.Depth is < 1 or > 30) throw new InputException("--depth", "must be 1 to 30");
        if (s.Window is < 1 or > 50) throw new InputException("--window", "must be 1 to 50");
        if (s.MinCount < 1) throw new InputException("--min-count", "must be at least 1");
        if (s.MaxWords < 2) throw new InputException("--max-words", "must be at least 2");
        if (s.Limit is <= 0) throw new InputException("--limit", "must be a positive number of articles");
        if (!File.Exists(s.Input)) throw new InputException(s.Input, Directory.Exists(s.Input) ? "is a folder; give a JSON Lines file" : "no such file");
        string? outDir = Path.GetDirectoryName(Path.GetFullPath(s.Output));
        if (outDir is not null && !Directory.Exists(outDir)) throw new InputException(s.Output, $"the folder {outDir} does not exist");

        bool interactive = !s.Quiet && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var total = Stopwatch.StartNew();
        ClusterCorpus? corpus = null;
        Clustering? result = null;
        TimeSpan readTime = default;
        long fileBytes = new FileInfo(s.Input).Length;
        if (interactive)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var read = ctx.AddTask("reading", maxValue: 1000);
                    var words = ctx.AddTask("clustering", autoStart: false, maxValue: 1000);
                    var tree = ctx.AddTask("tree", autoStart: false, maxValue: 1000);
                    corpus = Read(s, fileBytes, (docs, fraction) =>
                    {
                        read.Description = $"reading · {docs:N0} articles";
                        read.Value = 1000 * fraction;
                    }, ct);
                    read.Value = 1000;
                    readTime = total.Elapsed;
                    words.StartTask();
                    result = Cluster(s, corpus, new SyncProgress(p =>
                    {
                        var task = p.Phase == "words" ? words : tree;
                        if (p.Phase == "tree" && !tree.IsStarted) { words.Value = 1000; tree.StartTask(); }
                        task.Description = p.Phase == "words" ? $"clustering · word {p.Done:N0}/{p.Total:N0}" : $"tree · merge {p.Done:N0}/{p.Total:N0}";
                        task.Value = p.Total == 0 ? 1000 : 1000.0 * p.Done / p.Total;
                    }), ct);
                    words.Value = 1000;
                    tree.Value = 1000;
                });
        }
        else
        {
            var last = Stopwatch.StartNew();
            bool Due()
            {
                if (s.Quiet || last.Elapsed < TimeSpan.FromSeconds(5)) return false;
                last.Restart();
                return true;
            }
            corpus = Read(s, fileBytes, (docs, fraction) =>
            {
                if (Due()) Console.Error.WriteLine($"marsad: train clusters {total.Elapsed.TotalSeconds:0}s: reading {100 * fraction:0}%, {docs:N0} articles");
            }, ct);
            readTime = total.Elapsed;
            result = Cluster(s, corpus, new SyncProgress(p =>
            {
                if (Due()) Console.Error.WriteLine($"marsad: train clusters {total.Elapsed.TotalSeconds:0}s: {p.Phase} {p.Done:N0}/{p.Total:N0}");
            }), ct);
        }

        string tmp = s.Output + ".tmp";
        using (var writer = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16))
            ClusterFile.Write(writer, corpus!, result!.Paths, Comments(s, corpus!, result!));
        File.Move(tmp, s.Output, overwrite: true);

        long inVocab = corpus!.Counts.Sum();
        summary.WriteLine($"read {corpus.Documents:N0} articles · {corpus.Tokens:N0} tokens · {corpus.Types:N0} distinct stems");
        summary.WriteLine($"vocabulary {corpus.Words.Length:N0} stems (count ≥ {Math.Max(s.MinCount, corpus.Counts[^1])}) covering {100.0 * inVocab / Math.Max(1, corpus.Tokens):0.0}% of tokens · {corpus.Bigrams:N0} distinct bigrams");
        summary.WriteLine(s.Method == "brown"
            ? $"clusters {result!.Clusters:N0} · mutual information {result.MutualInformation!.Value:0.0000} nats · {result.Paths.Distinct().Count():N0} paths, {result.Paths.Max(p => p.Length)} bits at most"
            : $"embeddings {s.Dimensions} dimensions, {s.Epochs} passes · {result!.Clusters:N0} leaves · {result.Paths.Max(p => p.Length)} bits at most");
        summary.WriteLine($"wrote {s.Output} ({new FileInfo(s.Output).Length / 1024.0:N0} KiB) · reading {readTime.TotalSeconds:0.0} s, clustering {(total.Elapsed - readTime).TotalSeconds:0.0} s");
        return CliErrors.Ok;
    }

    private static ClusterCorpus Read(Settings s, long fileBytes, Action<long, double> report, CancellationToken ct)
    {
        var builder = new ClusterCorpusBuilder();
        var text = new TextStage();
        var progress = new ReadProgress();
        InputException? firstError = null;
        long errors = 0;
        foreach (var item in JsonLinesReader.ReadFile(s.Input, ReaderOptions.Default, progress, ct))
        {
            if (item.Article is null)
            {
                firstError ??= item.Error;
                errors++;
                continue;
            }
            var doc = new AnalyzedDocument(item.Article);
            text.Process(doc, ct);
            builder.Add(doc);
            if ((builder.Documents & 127) == 0) report(builder.Documents, Math.Min(1, (double)progress.BytesDone / Math.Max(1, fileBytes)));
            if (builder.Documents >= s.Limit) break;
        }
        if (builder.Documents == 0)
            throw firstError is not null
                ? new InputException(s.Input, $"no article could be read ({errors:N0} refused; first: {firstError.Message})")
                : new InputException(s.Input, "no articles: the corpus has no line with a title or text");
        if (errors > 0) Console.Error.WriteLine($"marsad: {s.Input}: {errors:N0} lines refused (first: {firstError!.Message})");
        var corpus = builder.Build(s.MinCount, s.MaxWords);
        if (corpus.Words.Length < 2)
            throw new InputException(s.Input, $"too little text: {corpus.Words.Length} stem(s) seen at least {s.MinCount} times; lower --min-count or give a larger corpus");
        return corpus;
    }

    /// <summary>What either method gives: a path per vocabulary word, the number of clusters (leaves), and for Brown the mutual information.</summary>
    private sealed record Clustering(string[] Paths, int Clusters, double? MutualInformation);

    private static Clustering Cluster(Settings s, ClusterCorpus corpus, IProgress<BrownProgress> progress, CancellationToken ct)
    {
        if (s.Method == "brown")
        {
            var brown = BrownClustering.Run(corpus, s.Clusters, progress, ct);
            return new Clustering(brown.Paths, brown.Clusters, brown.MutualInformation);
        }
        var e = EmbeddingClustering.Run(corpus, Embedding(s), progress, ct);
        return new Clustering(e.Paths, e.Leaves, null);
    }

    private static EmbeddingOptions Embedding(Settings s) => new() { Dimensions = s.Dimensions, Epochs = s.Epochs, Depth = s.Depth, Window = s.Window };

    private static IEnumerable<string> Comments(Settings s, ClusterCorpus corpus, Clustering result)
    {
        yield return "Marsad word clusters: STEM<TAB>PATH<TAB>COUNT; a prefix of PATH is a coarser cluster.";
        yield return "STEM: the text stage's WordToken.Stem (Matching level, clitic-free), digits folded to 0 (WordClusterKey).";
        if (s.Method == "brown")
            yield return $"Brown clustering (Liang's windowed algorithm), {result.Clusters} clusters, vocabulary {corpus.Words.Length} stems (min count {s.MinCount}, at most {s.MaxWords}).";
        else
        {
            var e = Embedding(s);
            yield return $"Skip-gram embeddings ({e.Dimensions} dimensions, window {e.Window}, {e.Negatives} negatives, {e.Epochs} passes, seed {e.Seed}), bisecting spherical 2-means to depth {e.Depth}: {result.Clusters} leaves; vocabulary {corpus.Words.Length} stems (min count {s.MinCount}, at most {s.MaxWords}).";
        }
        yield return $"Corpus: {Path.GetFileName(s.Input)}{(s.Limit is { } n ? $", first {n} articles" : "")}: {corpus.Documents} articles, {corpus.Tokens} tokens.";
    }

    private sealed class SyncProgress(Action<BrownProgress> report) : IProgress<BrownProgress>
    {
        public void Report(BrownProgress value) => report(value);
    }
}
