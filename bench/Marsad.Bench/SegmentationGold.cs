using System.Text.Json;
using Marsad.Text;

namespace Marsad.Bench;

/// <summary>
/// The running-text segmentation gold (Specs/segmentation-gold.tsv): one row per Arabic word of whole
/// articles, <c>word TAB proclitics|stem|rest</c>. <see cref="Score"/> prints word accuracy and the error
/// classes; <see cref="PreSegment"/> writes rows for new text from the current segmenter, to be corrected
/// by hand (that is how the gold was started).
/// </summary>
public static class SegmentationGold
{
    public const string FileName = "segmentation-gold.tsv";

    public static string Render(string word, CliticSplit s) =>
        $"{word[..s.StemStart]}|{word[s.StemStart..s.StemEnd]}|{word[s.StemEnd..]}";

    /// <summary>Word accuracy on the gold and the commonest kinds of miss (gold vs got, by where they differ).</summary>
    public static void Score(string path, int examples) => Score(path, examples, CliticSegmenter.Default);

    /// <summary>Word accuracy of each clitic penalty on the first and the second half of the gold's articles.</summary>
    public static void Sweep(string path)
    {
        var rows = File.ReadLines(path).Where(l => l.Length > 0).ToList();
        static bool Docno(string l) => l.Length > 6 && l.StartsWith("# ") && char.IsAsciiLetterUpper(l[2]) && l[4] == '-';
        int articles = rows.Count(Docno);
        int seen = 0;
        var halves = new[] { new List<string[]>(), new List<string[]>() };
        foreach (var l in rows)
        {
            if (Docno(l)) seen++;
            else if (l[0] != '#') halves[seen <= articles / 2 ? 0 : 1].Add(l.Split('\t'));
        }
        foreach (int penalty in new[] { 0, 2, 4, 6, 8, 12 })
        {
            var s = new CliticSegmenter(StemLexicon.Default, penalty);
            var acc = halves.Select(h => 100.0 * h.Count(c => Render(c[0], s.Segment(c[0])) == c[1]) / h.Count).ToArray();
            Console.WriteLine($"  clitic penalty {penalty,2}: articles 1–{articles / 2} {acc[0]:F1} %, {articles / 2 + 1}–{articles} {acc[1]:F1} %");
        }
    }

    private static void Score(string path, int examples, CliticSegmenter segmenter)
    {
        int rows = 0, ok = 0;
        var classes = new Dictionary<string, List<string>>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var c = line.Split('\t');
            if (c.Length < 2) throw new FormatException($"{path}: expected word TAB segmentation in '{line}'");
            rows++;
            var got = Render(c[0], segmenter.Segment(c[0]));
            if (got == c[1]) { ok++; continue; }
            string kind = Classify(c[1], got);
            if (!classes.TryGetValue(kind, out var list)) classes[kind] = list = [];
            list.Add($"{c[0]}: gold {c[1]} got {got}");
        }
        Console.WriteLine($"segmentation gold ({Path.GetFileName(path)}): {ok}/{rows} words exactly right ({100.0 * ok / Math.Max(1, rows):F1} %)");
        foreach (var (kind, list) in classes.OrderByDescending(k => k.Value.Count))
            Console.WriteLine($"  {list.Count,4} {kind}: {string.Join(" · ", list.Take(examples))}");
    }

    private static string Classify(string gold, string got)
    {
        var g = gold.Split('|');
        var o = got.Split('|');
        string Side(string want, string have, string name) =>
            want == have ? "" : want.Length > have.Length ? $"{name} missed" : $"{name} invented";
        var parts = new[] { Side(g[0], o[0], "proclitic"), Side(g[2], o[2], "ending") }.Where(p => p.Length > 0).ToArray();
        return parts.Length == 0 ? "stem differs" : string.Join(" + ", parts);
    }

    /// <summary>Rows for the title and text of each JSON line of <paramref name="jsonl"/>, pre-segmented.</summary>
    public static void PreSegment(string jsonl)
    {
        foreach (var line in File.ReadLines(jsonl))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Console.WriteLine($"# {root.GetProperty("docno").GetString()} ({root.GetProperty("src").GetString()})");
            foreach (var field in new[] { "title", "text" })
            {
                var text = root.GetProperty(field).GetString() ?? "";
                foreach (var t in ArabicTokenizer.ToList(text))
                {
                    if (t.Kind != TokenKind.ArabicWord) continue;
                    var word = t.ToString(text);
                    Console.WriteLine($"{word}\t{Render(word, CliticSegmenter.Default.Segment(word))}");
                }
            }
        }
    }
}
