namespace Marsad.Text.Tests;

/// <summary>
/// The segmenter on running news text (Specs/segmentation-gold.tsv: 3,370 words of 11 ANT articles, segmented
/// by hand). Scored as a whole: a word-accuracy floor, so a change that breaks many words fails here, while
/// the remaining known misses are listed rather than asserted one by one.
/// </summary>
public class SegmentationGoldTests
{
    /// <summary>The accuracy of this build is 99.2 %; the floor leaves room for a few words' trade-offs.</summary>
    private const double Floor = 0.985;

    [Fact]
    public void Running_text_is_segmented_as_by_hand()
    {
        int rows = 0, ok = 0;
        var misses = new List<string>();
        foreach (var c in SpecFile.Rows("segmentation-gold.tsv", 2))
        {
            rows++;
            var got = CliticSegmenterTests.Render(c[0], CliticSegmenter.Default.Segment(c[0]));
            if (got == c[1]) ok++;
            else misses.Add($"{c[0]}: want {c[1]}, got {got}");
        }
        Assert.True(rows >= 3000, $"the gold has {rows} words, expected at least 3,000");
        double accuracy = (double)ok / rows;
        Assert.True(accuracy >= Floor, $"word accuracy {accuracy:P1} < {Floor:P1}; misses:\n{string.Join("\n", misses)}");
    }

    [Fact]
    public void Every_gold_row_spells_its_word()
    {
        foreach (var c in SpecFile.Rows("segmentation-gold.tsv", 2))
        {
            var parts = c[1].Split('|');
            Assert.True(parts.Length == 3 && string.Concat(parts) == c[0], $"'{c[1]}' does not split '{c[0]}' into proclitics|stem|rest");
            Assert.NotEqual("", parts[1]);
        }
    }
}
