using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Util;
using Marsad.Text.Search;
using LuceneArabicAnalyzer = Lucene.Net.Analysis.Ar.ArabicAnalyzer;
using Marsad.Cli.Commands.Bench;
using Marsad.Text;

namespace Marsad.Bench;

/// <summary>
/// <c>segspeed FILE.jsonl[.gz] [DUMP]</c>: the clitic segmenter alone over every Arabic word of 3,000 articles
/// (thread CPU time per word, no cache), and with DUMP every distinct word's split and inflection written one a
/// line, so that two builds can be compared byte for byte (a speed change must not change one split).
/// </summary>
public static class SegmenterSpeed
{
    public static void Run(string path, string? dump)
    {
        var texts = Samples.FromJsonLines(path, 3000);
        var words = new List<string>();
        foreach (var text in texts)
            foreach (var t in ArabicTokenizer.Tokenize(text))
                if (t.Kind == TokenKind.ArabicWord) words.Add(text.Substring(t.Start, t.Length));
        var seg = CliticSegmenter.Default;
        long check = 0;
        foreach (var w in words) check += seg.Segment(w).StemLength; // warm-up
        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            double start = ThreadCpuClock.Now();
            foreach (var w in words)
            {
                var s = seg.Segment(w);
                check += s.StemLength + seg.InflectionOf(w.AsSpan(s.StemStart, s.StemLength), out _);
            }
            best = Math.Min(best, ThreadCpuClock.Now() - start);
        }
        Console.WriteLine($"{words.Count} words: segment + inflection {best * 1e9 / words.Count:F0} ns/word (best of 3, {(ThreadCpuClock.IsThreadTime ? "thread CPU" : "wall")}) [{check % 1000}]");
        foreach (int bits in new[] { 12, 14, 16 })
        {
            var tags = new ulong[1 << bits];
            long hits = 0;
            foreach (var w in words)
            {
                ulong h = SpanHash.Of(w) | 1;
                int slot = (int)(h >> (64 - bits));
                if (tags[slot] == h) hits++;
                else tags[slot] = h;
            }
            Console.WriteLine($"direct-mapped cache of {1 << bits} slots: {100.0 * hits / words.Count:F1} % hits");
        }
        foreach (int bits in new[] { 13, 14, 15 })
        {
            // two ways per set, the older one replaced
            var tags = new ulong[2 << bits];
            long hits = 0;
            foreach (var w in words)
            {
                ulong h = SpanHash.Of(w) | 1;
                int set = (int)(h >> (64 - bits)) * 2;
                if (tags[set] == h) hits++;
                else if (tags[set + 1] == h) { hits++; (tags[set], tags[set + 1]) = (h, tags[set]); }
                else { tags[set + 1] = tags[set]; tags[set] = h; }
            }
            Console.WriteLine($"2-way cache of {2 << bits} slots: {100.0 * hits / words.Count:F1} % hits");
        }
        if (Environment.GetEnvironmentVariable("CHAINS") is not null) Chains(texts);
        if (dump is null) return;
        var distinct = new SortedSet<string>(words, StringComparer.Ordinal);
        using var w2 = new StreamWriter(dump, false, new UTF8Encoding(false));
        foreach (var w in distinct)
        {
            var s = seg.Segment(w);
            int inf = seg.InflectionOf(w.AsSpan(s.StemStart, s.StemLength), out bool teh);
            w2.WriteLine($"{w}\t{s.StemStart}\t{s.StemEnd}\t{(int)s.Proclitics}\t{s.EncliticLength}\t{s.TehMarbutaBeforePronoun}\t{inf}\t{teh}");
        }
        Console.WriteLine($"{distinct.Count} distinct words written to {dump}");
    }

    /// <summary>The search analyzer's filters added one at a time, in its order, beside Lucene's ArabicAnalyzer.</summary>
    private static void Chains(List<string> texts)
    {
        var stop = MarsadArabicAnalyzer.DefaultStopWords;
        var chains = new (string Name, Analyzer A)[]
        {
            ("lucene ArabicAnalyzer", new LuceneArabicAnalyzer(LuceneVersion.LUCENE_48)),
            ("tokenizer", Analyzer.NewAnonymous((f, r) => new TokenStreamComponents(new MarsadTokenizer(r)))),
            ("+clitic", Analyzer.NewAnonymous((f, r) => { var s = new MarsadTokenizer(r); return new TokenStreamComponents(s, new ArabicCliticFilter(s)); })),
            ("+normalise", Analyzer.NewAnonymous((f, r) => { var s = new MarsadTokenizer(r); return new TokenStreamComponents(s, new ArabicSearchNormalizationFilter(new ArabicCliticFilter(s))); })),
            ("+stop", Analyzer.NewAnonymous((f, r) => { var s = new MarsadTokenizer(r); return new TokenStreamComponents(s, new ArabicStopFilter(new ArabicSearchNormalizationFilter(new ArabicCliticFilter(s)), stop)); })),
            ("marsad analyzer", new MarsadArabicAnalyzer()),
        };
        var best = new double[chains.Length];
        Array.Fill(best, double.MaxValue);
        var counts = new long[chains.Length];
        for (int round = 0; round < 4; round++)
            for (int c = 0; c < chains.Length; c++)
            {
                double start = ThreadCpuClock.Now();
                long n = 0;
                foreach (var t in texts) n += TextBenchmarks.Count(chains[c].A, t);
                double sec = ThreadCpuClock.Now() - start;
                if (round > 0) best[c] = Math.Min(best[c], sec);
                counts[c] = n;
            }
        for (int c = 0; c < chains.Length; c++)
            Console.WriteLine($"{chains[c].Name,-24} {best[c] * 1000,7:F0} ms {counts[c],9} terms  speed× {best[0] / best[c]:F2}");
    }
}
