using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Util;
using Marsad.Text;
using Marsad.Text.Search;
using LuceneArabicAnalyzer = Lucene.Net.Analysis.Ar.ArabicAnalyzer;

namespace Marsad.Bench;

/// <summary>Marsad's text layer against Lucene.NET's Arabic analysis, on texts of several sizes.</summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private string _text = "";
    private readonly LuceneArabicAnalyzer _lucene = new(LuceneVersion.LUCENE_48);
    private readonly MarsadArabicAnalyzer _marsad = new();

    [Params(1, 16, 256)]
    public int Paragraphs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Samples.Text(Paragraphs);
        _ = CliticSegmenter.Default.Segment("والتحالف"); // load the lexicon outside the measurement
    }

    [Benchmark(Baseline = true)]
    public int LuceneArabicAnalyzer() => Count(_lucene, _text);

    [Benchmark]
    public int MarsadArabicAnalyzer() => Count(_marsad, _text);

    [Benchmark]
    public int Tokenize()
    {
        int n = 0;
        foreach (var t in ArabicTokenizer.Tokenize(_text)) n += t.Length;
        return n;
    }

    [Benchmark]
    public int TokenizeNormalizeSegment()
    {
        Span<char> buffer = stackalloc char[256];
        int n = 0;
        var text = _text.AsSpan();
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            if (!t.IsWord || t.Length > 64) continue;
            var word = t.Slice(text);
            n += ArabicNormalizer.Normalize(word, buffer, NormalizationLevel.Matching);
            n += CliticSegmenter.Default.Segment(word).StemLength;
        }
        return n;
    }

    [Benchmark]
    public int SentenceSplit() => SentenceSplitter.Split(_text).Count;

    internal static int Count(Analyzer analyzer, string text)
    {
        int n = 0;
        using var stream = analyzer.GetTokenStream("body", text);
        stream.Reset();
        while (stream.IncrementToken()) n++;
        stream.End();
        return n;
    }
}
