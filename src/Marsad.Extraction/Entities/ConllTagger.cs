using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;

namespace Marsad.Extraction.Entities;

/// <summary>
/// Tags a pre-tokenised corpus in CoNLL layout (one token per line in the first column, blank line
/// between sentences, other columns ignored) with the entity stage: each line comes back with one
/// more column, a BIO tag (B-PERS I-PERS B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC O). Sentences are analysed in
/// chunks (joined by blank lines, so no match crosses a sentence) and mentions are mapped back to the
/// tokens they overlap; demonyms are not names and stay O.
/// </summary>
public sealed class ConllTagger
{
    private readonly AnalysisPipeline _pipeline;
    private readonly int _sentencesPerChunk;

    public ConllTagger(AnalysisPipeline pipeline, int sentencesPerChunk = 40)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(sentencesPerChunk, 1);
        _pipeline = pipeline;
        _sentencesPerChunk = sentencesPerChunk;
    }

    /// <summary>A pipeline with only the text and entity stages, for tagging (<see cref="EntityOptions.Corpus"/>: the shipped model, its spans as they are, unless <paramref name="options"/> says otherwise).</summary>
    public static ConllTagger CreateDefault(EntityOptions? options = null) => new(new AnalysisPipelineBuilder().UseEntities(options: options ?? EntityOptions.Corpus).Build());

    /// <summary>Reads <paramref name="input"/> to the end and writes the tagged lines to <paramref name="output"/>.</summary>
    public void Tag(TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<string>();      // the chunk's lines, blank lines included
        int sentences = 0;
        bool inSentence = false;
        while (input.ReadLine() is { } raw)
        {
            string line = raw.TrimEnd('\r');
            bool blank = string.IsNullOrWhiteSpace(line);
            lines.Add(line);
            if (blank && inSentence)
            {
                inSentence = false;
                if (++sentences >= _sentencesPerChunk)
                {
                    Flush(lines, output, cancellationToken);
                    lines.Clear();
                    sentences = 0;
                }
            }
            else if (!blank) inSentence = true;
        }
        Flush(lines, output, cancellationToken);
    }

    private void Flush(List<string> lines, TextWriter output, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return;
        cancellationToken.ThrowIfCancellationRequested();
        var body = new StringBuilder();
        var starts = new int[lines.Count];
        var ends = new int[lines.Count];
        bool lastBlank = true;
        for (int i = 0; i < lines.Count; i++)
        {
            var token = FirstColumn(lines[i]);
            if (token.Length == 0)
            {
                starts[i] = ends[i] = -1;
                if (!lastBlank) body.Append("\n\n");
                lastBlank = true;
                continue;
            }
            if (!lastBlank) body.Append(' ');
            starts[i] = body.Length;
            body.Append(token);
            ends[i] = body.Length;
            lastBlank = false;
        }
        var tags = new string[lines.Count];
        Array.Fill(tags, "O");
        EntityMentionIndex? index = null;
        if (body.Length > 0)
        {
            var doc = _pipeline.Analyze(new ArticleInput { Title = "", Body = body.ToString() }, cancellationToken);
            index = doc.GetItem<EntityMentionIndex>();
            var types = doc.Entities.ToDictionary(e => e.Id, e => e.Type);
            var subtypes = doc.Entities.ToDictionary(e => e.Id, e => e.Subtype);
            if (index is not null)
            {
                int line = 0;
                foreach (var m in index.Mentions)
                {
                    if (m.Kind == MentionKind.Demonym) continue;
                    string type = types[m.EntityId] switch { EntityTypes.Person => "PERS", var t => t };
                    while (line < lines.Count && (ends[line] < 0 || ends[line] <= m.Start)) line++;
                    bool first = true;
                    int stop = line;
                    while (stop < lines.Count && starts[stop] >= 0 && starts[stop] < m.End) stop++;
                    // NER corpora tag the name, not the descriptor before it: «قطاع [غزة]», «شمال [إفريقيا]».
                    int from = line;
                    if (type == EntityTypes.Location && stop - from > 1 && IsDescriptor(FirstColumn(lines[from]), subtypes[m.EntityId] == "region")) from++;
                    if (type == EntityTypes.Organisation && stop - from > 1 && OrgDescriptors.Contains(NameFolding.Fold(FirstColumn(lines[from])))) from++;
                    // …nor an epithet after it: «مكة [المكرمة]».
                    if (type == EntityTypes.Location && stop - from > 1 && Epithets.Contains(NameFolding.Fold(FirstColumn(lines[stop - 1])))) stop--;
                    for (int k = from; k < stop; k++)
                    {
                        if (tags[k] != "O") { first = false; continue; }
                        tags[k] = (first ? "B-" : "I-") + type;
                        first = false;
                    }
                }
            }
        }
        if (index is not null)
            foreach (var o in index.OtherNames)
            {
                bool first = true, skipped = false;
                for (int k = 0; k < lines.Count; k++)
                {
                    if (starts[k] < 0 || ends[k] <= o.Start || starts[k] >= o.End || tags[k] != "O") continue;
                    // «جائزة [نوبل]»: the prize's name, not the word for prize
                    if (first && !skipped && ends[k] < o.End && IsPrizeWord(FirstColumn(lines[k]))) { skipped = true; continue; }
                    tags[k] = (first ? "B-" : "I-") + "MISC";
                    first = false;
                }
            }
        for (int i = 0; i < lines.Count; i++)
        {
            if (starts[i] < 0) { output.WriteLine(lines[i]); continue; }
            char sep = lines[i].Contains('\t') ? '\t' : ' ';
            output.Write(lines[i]);
            output.Write(sep);
            output.WriteLine(tags[i]);
        }
    }

    private static readonly HashSet<string> Descriptors = new[] { "قطاع", "مدينة", "دولة", "منطقة", "جمهورية", "مملكة", "سلطنة", "إمارة", "ولاية", "محافظة", "إقليم" }
        .Select(NameFolding.Fold).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Directions = new[] { "شمال", "جنوب", "شرق", "غرب", "وسط" }
        .Select(NameFolding.Fold).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> OrgDescriptors = new[] { "حركة", "شركة", "جريدة", "صحيفة", "تلفزيون", "وكالة", "مجلة", "قناة", "بورصة", "لوكالة", "لصحيفة", "لحركة" }
        .Select(NameFolding.Fold).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Epithets = new[] { "المكرمة", "المنورة", "الشريف", "المقدسة", "المحتلة" }
        .Select(NameFolding.Fold).ToHashSet(StringComparer.Ordinal);

    private static readonly string PrizeWord = NameFolding.Fold("جائزة");

    private static bool IsPrizeWord(string token)
    {
        var w = NameFolding.Fold(token).AsSpan();
        if (w.Length > 4 && w[0] is 'ب' or 'ل' or 'و') w = w[1..];
        return w.SequenceEqual(PrizeWord);
    }

    /// <summary>A descriptor without the article (with the article, «الجمهورية العربية السورية», it is part of the name).</summary>
    private static bool IsDescriptor(string token, bool region)
    {
        var w = NameFolding.Fold(token).AsSpan();
        if (w.Length > 4 && w[0] is 'و' or 'ف') w = w[1..];
        if (w.Length > 4 && w[0] is 'ب' or 'ل' or 'ك' && !(w[1] == 'ا' && w[2] == 'ل')) w = w[1..];
        var s = w.ToString();
        return Descriptors.Contains(s) || (region && Directions.Contains(s));
    }

    private static string FirstColumn(string line)
    {
        var span = line.AsSpan().Trim();
        int cut = span.IndexOfAny(' ', '\t');
        return (cut < 0 ? span : span[..cut]).ToString();
    }
}
