namespace Marsad.Text.Tests;

public class SentenceSplitterTests
{
    public static TheoryData<string, string> Cases => SpecFile.Pairs("sentences.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Splits_as_the_spec_says(string input, string expected)
    {
        input = input.Replace("\\n", "\n");
        var sentences = SentenceSplitter.Split(input).Select(r => input[r.Start..r.End].Replace("\n", "\\n"));
        Assert.Equal(expected, string.Join(" || ", sentences));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n  ")]
    public void Empty_text_has_no_sentence(string text) => Assert.Empty(SentenceSplitter.Split(text));
}
