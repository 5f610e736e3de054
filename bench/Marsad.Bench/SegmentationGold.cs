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
    public static void Score(string path, int examples)
    {
        int rows = 0, ok = 0;
        var classes = new Dictionary<string, List<string>>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var c = line.Split('\t');
            if (c.Length < 2) throw new FormatException($"{path}: expected word TAB segmentation in '{line}'");
            rows++;
            var got = Render(c[0], CliticSegmenter.Default.Segment(c[0]));
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
