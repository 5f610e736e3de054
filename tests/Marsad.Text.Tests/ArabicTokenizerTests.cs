namespace Marsad.Text.Tests;

public class ArabicTokenizerTests
{
    public static TheoryData<string, string> Cases => SpecFile.Pairs("tokens.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenises_as_the_spec_says(string input, string expected)
    {
        var tokens = ArabicTokenizer.ToList(input);
        Assert.Equal(expected, string.Join(" | ", tokens.Select(t => $"{t.Kind}:{t.ToString(input)}")));
    }

    [Fact]
    public void TryNext_walks_the_same_tokens_as_the_enumerator()
    {
        const string text = "قال الوزير: «سنعقد الاجتماع في 10/06/2023».";
        var expected = ArabicTokenizer.ToList(text);
        var actual = new List<TextToken>();
        int position = 0;
        while (ArabicTokenizer.TryNext(text, ref position, out var token)) actual.Add(token);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u200F\u200E")]
    public void White_space_and_marks_alone_give_no_token(string text) =>
        Assert.Empty(ArabicTokenizer.ToList(text));

    [Fact]
    public void Zero_width_non_joiner_inside_a_word_stays_in_it()
    {
        const string text = "می\u200Cخواهم";
        var tokens = ArabicTokenizer.ToList(text);
        Assert.Single(tokens);
    }
}
