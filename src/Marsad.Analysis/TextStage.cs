using Marsad.Text;

namespace Marsad.Analysis;

/// <summary>
/// The text core as a stage: sentences (per part: title, sub-title and body never share a sentence)
/// and word tokens with their Matching-level form and clitic-free stem.
/// </summary>
public sealed class TextStage : IAnalysisStage
{
    public string Name => "text";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        var text = document.Text.AsSpan();
        AddPart(document, document.TitleRange);
        if (document.SubtitleRange is { } sub) AddPart(document, sub);
        AddPart(document, document.BodyRange);

        var segmenter = CliticSegmenter.Default;
        var cache = WordSplitCache.Current;
        int sentence = 0;
        foreach (var t in ArabicTokenizer.Tokenize(text))
        {
            while (sentence < document.Sentences.Count && t.Start >= document.Sentences[sentence].End) sentence++;
            var word = text.Slice(t.Start, t.Length);
            string norm = word.Length == 1 && word[0] < SingleChars.Length
                ? SingleChars[word[0]] ??= ArabicNormalizer.Normalize(word, NormalizationLevel.Matching)
                : ArabicNormalizer.Normalize(word, NormalizationLevel.Matching);
            int stemStart = t.Start, stemEnd = t.End;
            string stem = norm;
            var clitics = Proclitics.None;
            int enclitic = 0;
            bool known = false;
            if (t.Kind == TokenKind.ArabicWord)
            {
                var split = cache.Segment(segmenter, word, out known);
                if (split.StemStart > 0 || split.StemEnd < t.Length)
                {
                    stemStart = t.Start + split.StemStart;
                    stemEnd = t.Start + split.StemEnd;
                    stem = ArabicNormalizer.Normalize(text[stemStart..stemEnd], NormalizationLevel.Matching);
                    clitics = split.Proclitics;
                    enclitic = split.EncliticLength;
                }
            }
            int s = sentence < document.Sentences.Count && document.Sentences[sentence].Contains(t.Start) ? sentence : -1;
            document.Tokens.Add(new WordToken(t.Start, t.End, t.Kind, norm, stemStart, stemEnd, stem, clitics, s) { EncliticLength = enclitic, StemInLexicon = known });
        }
    }

    // The Matching form of each one-character token below U+0700 (punctuation, a digit, و): one string per
    // character instead of one per token. Filled on first use; a race only writes an equal string twice.
    private static readonly string?[] SingleChars = new string?[0x700];

    private static void AddPart(AnalyzedDocument document, TextRange part)
    {
        foreach (var r in SentenceSplitter.Split(document.Text.AsSpan(part.Start, part.Length)))
            document.Sentences.Add(new TextRange(part.Start + r.Start, part.Start + r.End));
    }
}
