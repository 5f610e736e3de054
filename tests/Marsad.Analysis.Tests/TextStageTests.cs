using Marsad.Text;

namespace Marsad.Analysis.Tests;

/// <summary>The text stage's tokens carry the segmenter's split, also when a word comes again (its split then comes from the per-thread cache).</summary>
public sealed class TextStageTests
{
    [Fact]
    public void Repeated_words_get_the_same_split_as_the_segmenter_gives()
    {
        const string body = "وقالت الحكومة إن وفدها سيزور بغداد، وقالت مصادر للحكومة إن وفدها وصل. وبالحكومة وزراءٌ كتاباً وكتبهم ووفدهم.";
        for (int round = 0; round < 2; round++)
        {
            var doc = new AnalyzedDocument(new ArticleInput { Title = "وقالت الحكومة", Body = body });
            new TextStage().Process(doc, CancellationToken.None);
            int arabic = 0;
            foreach (var t in doc.Tokens)
            {
                if (!t.IsArabic) continue;
                arabic++;
                var word = doc.Text.AsSpan(t.Start, t.End - t.Start);
                var split = CliticSegmenter.Default.Segment(word);
                Assert.Equal((t.Start + split.StemStart, t.Start + split.StemEnd), (t.StemStart, t.StemEnd));
                bool clitic = split.StemStart > 0 || split.StemEnd < word.Length;
                Assert.Equal(clitic ? split.Proclitics : Proclitics.None, t.Proclitics);
                Assert.Equal(clitic ? split.EncliticLength : 0, t.EncliticLength);
                Assert.Equal(CliticSegmenter.Default.Lexicon.Contains(word[split.StemStart..split.StemEnd]), t.StemInLexicon);
            }
            Assert.Equal(19, arabic);
        }
    }
}
