using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Marsad.Text;
using Marsad.Text.Search;
using LuceneArabicAnalyzer = Lucene.Net.Analysis.Ar.ArabicAnalyzer;
using LuceneArabicNormalizer = Lucene.Net.Analysis.Ar.ArabicNormalizer;

namespace Marsad.Bench;

/// <summary>
/// `accuracy SPECS_DIR`: how many of the test words in the spec files each part gets right, and how
/// Lucene's Arabic normaliser and analyzer do on the same rows.
/// </summary>
public static class Accuracy
{
    public static void Run(string specs)
    {
        // Normaliser (matching and search rows; Lucene's normaliser only has one level).
        int ok = 0, lucene = 0, rows = 0;
        foreach (var c in Rows(Path.Combine(specs, "normalization.tsv"), 3))
        {
            var level = Enum.Parse<NormalizationLevel>(c[0], true);
            rows++;
            if (ArabicNormalizer.Normalize(c[1], level) == c[2]) ok++;
            if (level != NormalizationLevel.Display && LuceneNormalize(c[1]) == c[2]) lucene++;
        }
        Console.WriteLine($"normaliser: Marsad {ok}/{rows} rows; Lucene ArabicNormalizer {lucene}/{rows} (it has no display level)");

        ok = 0; rows = 0;
        foreach (var c in Rows(Path.Combine(specs, "clitics.tsv"), 2))
        {
            rows++;
            var s = CliticSegmenter.Default.Segment(c[0]);
            if ($"{c[0][..s.StemStart]}|{c[0][s.StemStart..s.StemEnd]}|{c[0][s.StemEnd..]}" == c[1]) ok++;
        }
        Console.WriteLine($"clitic segmenter: {ok}/{rows} words");
        var gold = Path.Combine(specs, SegmentationGold.FileName);
        if (File.Exists(gold))
        {
            SegmentationGold.Score(gold, examples: 6);
            SegmentationGold.Sweep(gold);
        }

        ok = 0; rows = 0;
        foreach (var c in Rows(Path.Combine(specs, "tokens.tsv"), 2))
        {
            rows++;
            var tokens = ArabicTokenizer.ToList(c[0]).Select(t => $"{t.Kind}:{t.ToString(c[0])}");
            if (string.Join(" | ", tokens) == c[1]) ok++;
        }
        Console.WriteLine($"tokeniser: {ok}/{rows} lines");

        ok = 0; rows = 0;
        foreach (var c in Rows(Path.Combine(specs, "sentences.tsv"), 2))
        {
            rows++;
            var input = c[0].Replace("\\n", "\n");
            var got = string.Join(" || ", SentenceSplitter.Split(input).Select(r => input[r.Start..r.End].Replace("\n", "\\n")));
            if (got == c[1]) ok++;
        }
        Console.WriteLine($"sentence splitter: {ok}/{rows} texts");

        using var marsad = new MarsadArabicAnalyzer();
        using var luceneAnalyzer = new LuceneArabicAnalyzer(LuceneVersion.LUCENE_48);
        int same = 0, sameOk = 0, sameLucene = 0, diff = 0, diffOk = 0, diffLucene = 0;
        foreach (var c in Rows(Path.Combine(specs, "analyzer.tsv"), 3))
        {
            bool wantSame = c[2] == "same";
            bool m = Terms(marsad, c[0]).SequenceEqual(Terms(marsad, c[1]));
            bool l = Terms(luceneAnalyzer, c[0]).SequenceEqual(Terms(luceneAnalyzer, c[1]));
            if (wantSame) { same++; if (m) sameOk++; if (l) sameLucene++; }
            else { diff++; if (!m) diffOk++; if (!l) diffLucene++; }
        }
        Console.WriteLine($"analyzer (stemming + clitics + folding): spellings that must meet: Marsad {sameOk}/{same}, Lucene {sameLucene}/{same}; "
            + $"look-alikes that must stay apart: Marsad {diffOk}/{diff}, Lucene {diffLucene}/{diff}");
    }

    private static string LuceneNormalize(string s)
    {
        var buffer = s.ToCharArray();
        int n = new LuceneArabicNormalizer().Normalize(buffer, buffer.Length);
        return new string(buffer, 0, n);
    }

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var list = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) list.Add(term.ToString());
        stream.End();
        return list;
    }

    private static IEnumerable<string[]> Rows(string path, int columns) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Where(c => c.Length >= columns);
}
