namespace Marsad.Text.Tests;

public class ArabicNormalizerTests
{
    public static TheoryData<string, string, string> Rules => SpecFile.Triples("normalization.tsv");

    [Theory]
    [MemberData(nameof(Rules))]
    public void Normalises_as_the_spec_says(string level, string input, string expected)
    {
        var l = Enum.Parse<NormalizationLevel>(level, ignoreCase: true);
        Assert.Equal(expected, ArabicNormalizer.Normalize(input, l));
        // The span overload agrees with the string one.
        var buffer = new char[ArabicNormalizer.MaxOutputLength(input.Length)];
        int n = ArabicNormalizer.Normalize(input, buffer, l);
        Assert.Equal(expected, new string(buffer, 0, n));
    }

    [Theory]
    [InlineData("الرياض")]
    [InlineData("abc 123")]
    [InlineData("")]
    public void Text_needing_no_work_is_returned_as_is(string input)
    {
        Assert.False(ArabicNormalizer.NeedsNormalization(input, NormalizationLevel.Search));
        Assert.Same(input, ArabicNormalizer.Normalize(input, NormalizationLevel.Search));
    }

    [Fact]
    public void In_place_normalisation_works_without_presentation_forms()
    {
        var buffer = "وَالْمَسْؤُولُونَ".ToCharArray();
        int n = ArabicNormalizer.Normalize(buffer, buffer, NormalizationLevel.Search);
        Assert.Equal("والمسءولون", new string(buffer, 0, n));
    }

    [Fact]
    public void Ligatures_expand_within_the_documented_bound()
    {
        const string input = "ﷺ"; // one code point, a whole phrase
        var output = ArabicNormalizer.Normalize(input, NormalizationLevel.Display);
        Assert.True(output.Length <= ArabicNormalizer.MaxOutputLength(input.Length));
    }
}
