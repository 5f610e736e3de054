using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Util;
using Marsad.Text;
using Marsad.Text.Search;
using Marsad.Cli.Commands.Bench;
using LuceneArabicAnalyzer = Lucene.Net.Analysis.Ar.ArabicAnalyzer;

namespace Marsad.Bench;

/// <summary>Stopwatch timings of each component over the same texts, to see where time goes.</summary>
public static class QuickProfile
{
    public static void Run(string? path)
    {
        var texts = path is null ? [Samples.Text(2000)] : Samples.FromJsonLines(path, 2000);
        long chars = texts.Sum(t => (long)t.Length);
        Console.WriteLine($"{texts.Count} texts, {chars / 1e6:F2} M chars");
        _ = CliticSegmenter.Default.Segment("والتحالف");
        var steps = new (string, Func<long>)[]
        {
            ("lucene ArabicAnalyzer", () => texts.Sum(t => (long)TextBenchmarks.Count(new LuceneArabicAnalyzerHolder().A, t))),
            ("marsad analyzer", () => Sum(texts, t => TextBenchmarks.Count(Marsad, t))),
            ("marsad tokenizer only (lucene)", () => Sum(texts, t => TextBenchmarks.Count(TokenizerOnly, t))),
            ("marsad tokenizer+normalise", () => Sum(texts, t => TextBenchmarks.Count(Normalised, t))),
            ("marsad tok+norm+stop", () => Sum(texts, t => TextBenchmarks.Count(Stopped, t))),
            ("marsad tok+norm+stop+clitic", () => Sum(texts, t => TextBenchmarks.Count(Clitic, t))),
            ("tok+norm+stop+noop", () => Sum(texts, t => TextBenchmarks.Count(Noop, t))),
            ("tok+norm+stop+segment-no-cache", () => Sum(texts, t => TextBenchmarks.Count(NoCache, t))),
            ("ArabicTokenizer", () => Sum(texts, t => { int n = 0; foreach (var k in ArabicTokenizer.Tokenize(t)) n++; return n; })),
            ("segment words", () => Sum(texts, SegmentAll)),
            ("normalise+segment search terms", () => Sum(texts, SegmentSearchAll)),
            ("normalise search terms", () => Sum(texts, NormaliseAll)),
        };
        var lex = StemLexicon.Default;
        foreach (var w in new[] { "مدرسة", "حكومة", "وزير", "والتحالف", "بفرنسا", "كتابهم", "سيقول" })
        {
            var seg = CliticSegmenter.Default;
            for (int i = 0; i < 100000; i++) seg.Segment(w);
            var sw0 = new CpuClock();
            for (int i = 0; i < 1000000; i++) seg.Segment(w);
            var t1 = sw0.Elapsed.TotalMilliseconds;
            sw0.Restart();
            for (int i = 0; i < 1000000; i++) lex.ContainsKey(w);
            var t2 = sw0.Elapsed.TotalMilliseconds;
            sw0.Restart();
            for (int i = 0; i < 1000000; i++) lex.Contains(w);
            var t3 = sw0.Elapsed.TotalMilliseconds;
            var key = new char[32];
            sw0.Restart();
            for (int i = 0; i < 1000000; i++) StemLexicon.Fold(w, key);
            Console.WriteLine($"{w}: segment {t1:F0} ns, lookup {t2:F0} ns, fold+lookup {t3:F0}, fold {sw0.Elapsed.TotalMilliseconds:F0}");
        }
        foreach (var (name, step) in steps)
        {
            step();
            var best = TimeSpan.MaxValue;
            long n = 0, alloc = 0;
            for (int round = 0; round < 3; round++)
            {
                var clock = new CpuClock();
                long before = GC.GetAllocatedBytesForCurrentThread();
                n = step();
                alloc = GC.GetAllocatedBytesForCurrentThread() - before;
                if (clock.Elapsed < best) best = clock.Elapsed;
            }
            var sw = new { Elapsed = best };
            Console.WriteLine($"{name,-34} {sw.Elapsed.TotalMilliseconds,8:F0} ms {n,10} tokens {sw.Elapsed.TotalMilliseconds * 1e6 / n,8:F0} ns/token {alloc / (double)n,6:F1} B/token ({alloc} B)");
        }
    }

    /// <summary>Thread CPU time: the machine is shared, so wall time would count waiting for a core.</summary>
    private sealed class CpuClock
    {
        private TimeSpan _start = Now();

        private static TimeSpan Now() => TimeSpan.FromSeconds(ThreadCpuClock.Now());

        public TimeSpan Elapsed => Now() - _start;

        public void Restart() => _start = Now();
    }

    private static long Sum(List<string> texts, Func<string, int> f)
    {
        long n = 0;
        foreach (var t in texts) n += f(t);
        return n;
    }

    private static int SegmentSearchAll(string text)
    {
        int n = 0;
        Span<char> buffer = stackalloc char[256];
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            if (t.Kind != TokenKind.ArabicWord || t.Length > 64) continue;
            int k = ArabicNormalizer.Normalize(t.Slice(text), buffer, NormalizationLevel.Search);
            if (k >= 3) CliticSegmenter.Default.SegmentSearchTerm(buffer[..k]);
            n++;
        }
        return n;
    }

    private static int NormaliseAll(string text)
    {
        int n = 0;
        Span<char> buffer = stackalloc char[256];
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            if (t.Kind != TokenKind.ArabicWord || t.Length > 64) continue;
            n += ArabicNormalizer.Normalize(t.Slice(text), buffer, NormalizationLevel.Search) > 0 ? 1 : 0;
        }
        return n;
    }

    private static int SegmentAll(string text)
    {
        int n = 0;
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            if (t.Kind != TokenKind.ArabicWord) continue;
            CliticSegmenter.Default.Segment(t.Slice(text));
            n++;
        }
        return n;
    }

    private sealed class LuceneArabicAnalyzerHolder
    {
        public static readonly LuceneArabicAnalyzer Shared = new(LuceneVersion.LUCENE_48);
        public LuceneArabicAnalyzer A => Shared;
    }

    private static readonly Analyzer Marsad = new MarsadArabicAnalyzer();
    private static readonly Analyzer TokenizerOnly = Analyzer.NewAnonymous((f, r) => new TokenStreamComponents(new MarsadTokenizer(r)));
    private static readonly Analyzer Normalised = Analyzer.NewAnonymous((f, r) =>
    {
        var s = new MarsadTokenizer(r);
        return new TokenStreamComponents(s, new ArabicSearchNormalizationFilter(s));
    });
    private static readonly Analyzer Stopped = Analyzer.NewAnonymous((f, r) =>
    {
        var s = new MarsadTokenizer(r);
        return new TokenStreamComponents(s, new ArabicStopFilter(new ArabicSearchNormalizationFilter(s), MarsadArabicAnalyzer.DefaultStopWords));
    });
    private static readonly Analyzer Noop = Analyzer.NewAnonymous((f, r) =>
    {
        var s = new MarsadTokenizer(r);
        return new TokenStreamComponents(s, new NoopFilter(new ArabicStopFilter(new ArabicSearchNormalizationFilter(s), MarsadArabicAnalyzer.DefaultStopWords), false));
    });
    private static readonly Analyzer NoCache = Analyzer.NewAnonymous((f, r) =>
    {
        var s = new MarsadTokenizer(r);
        return new TokenStreamComponents(s, new NoopFilter(new ArabicStopFilter(new ArabicSearchNormalizationFilter(s), MarsadArabicAnalyzer.DefaultStopWords), true));
    });
    private static readonly Analyzer Clitic = Analyzer.NewAnonymous((f, r) =>
    {
        var s = new MarsadTokenizer(r);
        return new TokenStreamComponents(s, new ArabicCliticFilter(new ArabicStopFilter(new ArabicSearchNormalizationFilter(s), MarsadArabicAnalyzer.DefaultStopWords)));
    });
}

internal sealed class NoopFilter : Lucene.Net.Analysis.TokenFilter
{
    private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute _term;
    private readonly bool _segment;
    public NoopFilter(Lucene.Net.Analysis.TokenStream input, bool segment) : base(input) { _term = AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>(); _segment = segment; }
    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        if (_segment && _term.Length >= 3) CliticSegmenter.Default.SegmentSearchTerm(new ReadOnlySpan<char>(_term.Buffer, 0, _term.Length));
        return true;
    }
}
