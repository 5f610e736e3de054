using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Marsad.Analysis;
using Marsad.Extraction;
using Marsad.Ingest;

namespace Marsad.Cli.Commands.Bench;

/// <summary>
/// <c>marsad bench analyze [--input FILE] [--limit N]</c>: articles/s and MB/s of the full analysis
/// (<see cref="MarsadPipeline.Default"/>: text core and every registered stage) on one thread, with the
/// share of time each stage takes. Articles are read into memory first; only analysis is timed.
/// </summary>
public static class BenchAnalyzeCommand
{
    /// <summary>Where the ANT corpus is looked for when --input is not given (relative to the working directory).</summary>
    private static readonly string[] DefaultInputs =
    [
        "../shared/corpus/ant-multisource-v2.1.jsonl.gz",
        "../../shared/corpus/ant-multisource-v2.1.jsonl.gz",
        "/work/shared/corpus/ant-multisource-v2.1.jsonl.gz",
    ];

    private const int DefaultWarmUp = 200;

    public static Command Create()
    {
        var input = new Option<string?>("--input", "-i") { Description = "JSON Lines (optionally .gz) with title, text and time (RFC 1123) per line; default: the ANT corpus in ../shared/corpus." };
        var limit = new Option<int?>("--limit", "-n") { Description = "Analyse at most N articles (default: all)." };
        var warmup = new Option<int?>("--warmup") { Description = $"Analyse N articles (cycling through the input) before the clock starts (default {DefaultWarmUp}); more lets the JIT reach its optimised code first." };
        var dump = new Option<string?>("--dump") { Description = "After timing, write every article's analysis (the contract, one JSON per line) to FILE, to compare runs." };
        var cmd = new Command("analyze", "Articles/s and MB/s of the full analysis (text core + all stages) on one thread, with per-stage shares.") { input, limit, warmup, dump };
        cmd.SetAction(r => CliErrors.Run(() => Run(r.GetValue(input), r.GetValue(limit), Console.Out, r.GetValue(dump), r.GetValue(warmup))));
        return cmd;
    }

    public static int Run(string? inputPath, int? limit, TextWriter output, string? dumpPath = null, int? warmUp = null)
    {
        if (limit is <= 0) throw new InputException("--limit", "must be a positive number of articles");
        if (warmUp is < 0) throw new InputException("--warmup", "must be zero or a positive number of articles");
        string path = inputPath ?? DefaultInputs.FirstOrDefault(File.Exists)
            ?? throw new InputException(DefaultInputs[0], "corpus not found; give one with --input FILE");
        var articles = Load(path, limit ?? int.MaxValue, out long bytes);
        if (articles.Count == 0) throw new InputException(path, "no articles with a title or text");

        var pipeline = MarsadPipeline.Default;
        var stages = pipeline.Stages;
        // Warm-up: JIT, lexicons and lookup tables are built before the clock starts.
        int warmUpArticles = warmUp ?? Math.Min(DefaultWarmUp, articles.Count);
        for (int k = 0; k < warmUpArticles; k++) pipeline.Analyze(articles[k % articles.Count]);

        var stageTicks = new long[stages.Count + 1]; // [0] = building the document (title + body joined)
        var stageBytes = new long[stages.Count + 1];
        // Per-stage CPU time of the thread (on a shared machine the wall-clock shares include waiting for a core).
        var stageCpu = new double[stages.Count + 1];
        bool cpuClock = ThreadCpuClock.IsThreadTime;
        var found = new long[5];
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        double? cpuStart = ThreadCpuClock.IsThreadTime ? ThreadCpuClock.Now() : null;
        long start = Stopwatch.GetTimestamp();
        foreach (var article in articles)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            double c0 = cpuClock ? ThreadCpuClock.Now() : 0;
            long t0 = Stopwatch.GetTimestamp();
            var doc = new AnalyzedDocument(article);
            long t1 = Stopwatch.GetTimestamp();
            double c1 = cpuClock ? ThreadCpuClock.Now() : 0;
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            stageTicks[0] += t1 - t0;
            stageCpu[0] += c1 - c0;
            stageBytes[0] += a1 - a0;
            for (int s = 0; s < stages.Count; s++)
            {
                stages[s].Process(doc, CancellationToken.None);
                long t2 = Stopwatch.GetTimestamp();
                double c2 = cpuClock ? ThreadCpuClock.Now() : 0;
                long a2 = GC.GetAllocatedBytesForCurrentThread();
                stageTicks[s + 1] += t2 - t1;
                stageCpu[s + 1] += c2 - c1;
                stageBytes[s + 1] += a2 - a1;
                t1 = t2;
                c1 = c2;
                a1 = a2;
            }
            found[0] += doc.Tokens.Count;
            found[1] += doc.Times.Count;
            found[2] += doc.Quantities.Count;
            found[3] += doc.Entities.Count;
            found[4] += doc.Events.Count;
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double? cpuSeconds = ThreadCpuClock.IsThreadTime ? ThreadCpuClock.Now() - cpuStart : null;
        double mb = bytes / 1_000_000.0;

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"bench analyze: {articles.Count} articles, {mb:F1} MB (UTF-8 title + text) from {path}"));
        output.WriteLine(string.Create(inv, $"one thread, {warmUpArticles} articles of warm-up, then {seconds:F2} s"));
        output.WriteLine(string.Create(inv, $"throughput: {articles.Count / seconds:F0} articles/s, {mb / seconds:F2} MB/s (wall clock)"));
        // On a shared machine the wall clock counts time the thread waited for a core; its CPU time does not.
        if (cpuSeconds is > 0)
            output.WriteLine(string.Create(inv, $"per CPU second of the thread: {articles.Count / cpuSeconds.Value:F0} articles/s, {mb / cpuSeconds.Value:F2} MB/s ({cpuSeconds.Value:F2} s CPU, {100 * cpuSeconds.Value / seconds:F0}% of wall)"));
        long total = stageTicks.Sum();
        output.WriteLine("stage shares:");
        for (int s = 0; s < stageTicks.Length; s++)
        {
            string name = s == 0 ? "document" : stages[s - 1].Name;
            double share = total == 0 ? 0 : 100.0 * stageTicks[s] / total;
            double stageSeconds = stageTicks[s] / (double)Stopwatch.Frequency;
            string cpu = cpuClock ? string.Create(inv, $"  {stageCpu[s],6:F2} s CPU ({100 * stageCpu[s] / stageCpu.Sum(),4:F1}%)") : "";
            output.WriteLine(string.Create(inv, $"  {name,-12} {share,5:F1}%  {stageSeconds,7:F2} s  {(stageSeconds > 0 ? mb / stageSeconds : 0),8:F1} MB/s alone{cpu}  {stageBytes[s] / 1024.0 / articles.Count,7:F1} KB allocated/article"));
        }
        // Collections run on this thread (workstation GC), so their cost lands in the stages that allocate.
        output.WriteLine(string.Create(inv, $"allocated: {stageBytes.Sum() / (double)bytes:F1} bytes per input byte; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s"));
        output.WriteLine(string.Create(inv, $"found: {found[0]} tokens, {found[1]} times, {found[2]} quantities, {found[3]} entities, {found[4]} events"));

        // The same articles once more. The figures above include the time the tiered JIT still needs after a short
        // warm-up (hot code is recompiled optimised in the background, for about the first 500 articles); this
        // pass runs the optimised code throughout, as a long ingest or a server does.
        double? cpuStart2 = ThreadCpuClock.IsThreadTime ? ThreadCpuClock.Now() : null;
        long start2 = Stopwatch.GetTimestamp();
        foreach (var article in articles) pipeline.Analyze(article);
        double seconds2 = Stopwatch.GetElapsedTime(start2).TotalSeconds;
        double? cpuSeconds2 = ThreadCpuClock.IsThreadTime ? ThreadCpuClock.Now() - cpuStart2 : null;
        string perCpu2 = cpuSeconds2 is > 0
            ? string.Create(inv, $"; per CPU second {articles.Count / cpuSeconds2.Value:F0} articles/s, {mb / cpuSeconds2.Value:F2} MB/s ({cpuSeconds2.Value:F2} s CPU)")
            : "";
        output.WriteLine(string.Create(inv, $"second pass (JIT settled): {articles.Count / seconds2:F0} articles/s, {mb / seconds2:F2} MB/s (wall clock){perCpu2}"));
        if (dumpPath is not null)
        {
            using var writer = new StreamWriter(dumpPath, append: false, new UTF8Encoding(false));
            foreach (var article in articles)
                writer.WriteLine(AnalysisContract.From(pipeline.Analyze(article)).ToJson(indented: false));
        }
        return CliErrors.Ok;
    }

    /// <summary>Reads articles (title, text, time → Published) from JSON Lines, gzip-compressed when the file says so.</summary>
    private static List<ArticleInput> Load(string path, int limit, out long bytes)
    {
        bytes = 0;
        var list = new List<ArticleInput>();
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e.Message, inner: e);
        }
        using var file = stream;
        var head = new byte[2];
        int read = file.Read(head, 0, 2);
        file.Position = 0;
        using Stream data = read == 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(data, Encoding.UTF8);
        long lineNo = 0;
        string? line;
        try
        {
            while (list.Count < limit && (line = reader.ReadLine()) is not null)
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string title = Str(root, "title");
                string text = Str(root, "text");
                if (title.Length == 0 && text.Length == 0) continue;
                DateOnly? published = null;
                if (DateTimeOffset.TryParse(Str(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                    published = DateOnly.FromDateTime(when.DateTime);
                list.Add(new ArticleInput { Title = title, Body = text, Published = published, Source = Str(root, "url") is { Length: > 0 } u ? u : null });
                bytes += Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(text);
            }
        }
        catch (JsonException e)
        {
            throw new InputException(path, "not JSON Lines: " + e.Message, lineNo, e);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, "damaged gzip data: " + e.Message, lineNo, e);
        }
        return list;
    }

    private static string Str(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
