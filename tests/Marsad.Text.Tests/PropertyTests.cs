using CsCheck;
using Marsad.Text.Search;
using static Marsad.Text.Tests.Search.AnalyzerTestHelper;

namespace Marsad.Text.Tests;

/// <summary>Random Unicode in, invariants out: nothing throws, offsets stay in the text and in order.</summary>
public class PropertyTests
{
    // Arabic (letters, marks, digits, punctuation), presentation forms, Latin, digits, spaces and line
    // breaks, bidi and zero-width marks, and any UTF-16 code unit at all (lone surrogates included).
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char['\u0600', '\u06FF']),
        (1, Gen.Char['\uFB50', '\uFEFF']),
        (2, Gen.Char[" \n\t.,:/#@_-'«»\"0123456789abcXYZ"]),
        (1, Gen.Char["\u200B\u200C\u200D\u200E\u200F\u202A\u202E\u2066\u0640\u0670\u08F0"]),
        (1, Gen.Char));

    private static readonly Gen<string> Text = AnyChar.Array[0, 120].Select(a => new string(a));

    [Fact]
    public void Tokens_are_inside_the_text_in_order_and_not_empty() =>
        Text.Sample(text =>
        {
            int previousEnd = 0;
            foreach (var t in ArabicTokenizer.Tokenize(text))
            {
                Assert.True(t.Length > 0);
                Assert.True(t.Start >= previousEnd && t.End <= text.Length);
                previousEnd = t.End;
            }
        }, iter: 3000);

    [Fact]
    public void Sentences_are_inside_the_text_in_order_and_not_empty() =>
        Text.Sample(text =>
        {
            int previousEnd = 0;
            foreach (var s in SentenceSplitter.Split(text))
            {
                Assert.True(s.Length > 0);
                Assert.True(s.Start >= previousEnd && s.End <= text.Length);
                previousEnd = s.End;
            }
        }, iter: 3000);

    [Theory]
    [InlineData(NormalizationLevel.Display)]
    [InlineData(NormalizationLevel.Matching)]
    [InlineData(NormalizationLevel.Search)]
    public void Normalisation_is_idempotent(NormalizationLevel level) =>
        Text.Sample(text =>
        {
            var once = ArabicNormalizer.Normalize(text, level);
            Assert.True(once.Length <= ArabicNormalizer.MaxOutputLength(text.Length));
            Assert.Equal(once, ArabicNormalizer.Normalize(once, level));
        }, iter: 3000);

    [Fact]
    public void Segmentation_stays_inside_the_word() =>
        Text.Sample(text =>
        {
            foreach (var t in ArabicTokenizer.Tokenize(text))
            {
                var word = t.Slice(text);
                var split = CliticSegmenter.Default.Segment(word);
                Assert.InRange(split.StemStart, 0, word.Length);
                Assert.InRange(split.StemEnd, split.StemStart, word.Length);
                Assert.Equal(word.Length - split.StemEnd, split.EncliticLength);
            }
        }, iter: 3000);

    [Fact]
    public void Analyzer_offsets_are_inside_the_text_and_terms_not_empty()
    {
        using var analyzer = new MarsadArabicAnalyzer();
        Text.Sample(text =>
        {
            int previousStart = 0;
            foreach (var (term, start, end) in Tokens(analyzer, text))
            {
                Assert.NotEmpty(term);
                Assert.True(start >= previousStart && start < end && end <= text.Length);
                previousStart = start;
            }
        }, iter: 2000);
    }
}
