using Marsad.Extraction.Events;

namespace Marsad.Extraction.Tests.Events;

public sealed class CapitalsTests
{
    [Fact]
    public void Bad_rows_are_refused_with_the_line_number()
    {
        var e = Assert.Throws<FormatException>(() => Capitals.Parse("# comment\nUS\tواشنطن\nUSA واشنطن\n"));
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Names_are_matched_at_matching_level()
    {
        var map = Capitals.Parse("AE\tأبوظبي أبو_ظبي\n");
        Assert.Equal("AE", map[Marsad.Text.ArabicNormalizer.Normalize("ابو ظبي", Marsad.Text.NormalizationLevel.Matching)]);
    }
}
