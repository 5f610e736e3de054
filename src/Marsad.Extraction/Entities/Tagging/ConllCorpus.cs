using System.Text;
using Marsad.Analysis;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>One sentence of a CoNLL file: its tokens (first column) and BIO tags (last column).</summary>
public sealed record ConllSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Tags, int Line);

/// <summary>
/// Reads CoNLL files (token first, BIO tag last, blank line between sentences) and turns sentences into
/// the text stage's tokens with one gold tag each: the sentences are joined into documents the way
/// <see cref="ConllTagger"/> joins them, the text stage tokenises them, and each of its tokens takes the
/// tag of the CoNLL token it lies in (B- on the first piece of a B- token, I- on the pieces after it).
/// </summary>
public static class ConllCorpus
{
    public static List<ConllSentence> Read(string path, TagSet? tags = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, tags);
    }

    public static List<ConllSentence> Read(TextReader reader, string source, TagSet? tags = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        tags ??= TagSet.Default;
        var list = new List<ConllSentence>();
        var toks = new List<string>();
        var tg = new List<string>();
        int lineNo = 0, first = 0;
        while (true)
        {
            var line = reader.ReadLine();
            lineNo++;
            if (line is null || string.IsNullOrWhiteSpace(line))
            {
                if (toks.Count > 0) list.Add(new ConllSentence([.. toks], [.. tg], first));
                toks.Clear();
                tg.Clear();
                if (line is null) break;
                continue;
            }
            var cells = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length < 2) throw new InvalidDataException($"{source}: line {lineNo}: expected a token and a BIO tag");
            var tag = cells[^1];
            if (tags.IndexOf(tag) < 0) throw new InvalidDataException($"{source}: line {lineNo}: unknown tag '{tag}' (known: {string.Join(' ', tags.Names)})");
            if (toks.Count == 0) first = lineNo;
            toks.Add(cells[0]);
            tg.Add(tag);
        }
        if (list.Count == 0) throw new InvalidDataException($"{source}: no sentences");
        return list;
    }

    /// <summary>A sentence as the tagger sees it: its token facts range and the gold tag of each text-stage token.</summary>
    internal readonly record struct Projected(TokenFacts Facts, int Start, int End, int[] Gold);

    /// <summary>Analyses the sentences in chunks with the text stage and projects their tags onto its tokens.</summary>
    internal static IEnumerable<Projected> Project(IReadOnlyList<ConllSentence> sentences, EntityLexicon lexicon, TagSet tags, int sentencesPerChunk = 40)
    {
        var pipeline = new AnalysisPipelineBuilder().Build();
        for (int c = 0; c < sentences.Count; c += sentencesPerChunk)
        {
            var body = new StringBuilder();
            var spans = new List<(int Start, int End, int Tag)>();
            for (int s = c; s < Math.Min(sentences.Count, c + sentencesPerChunk); s++)
            {
                if (body.Length > 0) body.Append("\n\n");
                var sent = sentences[s];
                for (int k = 0; k < sent.Tokens.Count; k++)
                {
                    if (k > 0) body.Append(' ');
                    int st = body.Length;
                    body.Append(sent.Tokens[k]);
                    spans.Add((st, body.Length, tags.IndexOf(sent.Tags[k])));
                }
            }
            var doc = pipeline.Analyze(new ArticleInput { Title = "", Body = body.ToString() });
            var facts = new TokenFacts(lexicon, doc);
            facts.RuleTags = new EntityExtractor(lexicon, doc, facts).RuleTags();
            var tokens = doc.Tokens;
            var gold = new int[tokens.Count];
            int line = 0, lastLine = -1;
            int offset = doc.BodyRange.Start;
            for (int i = 0; i < tokens.Count; i++)
            {
                int p = tokens[i].Start - offset;
                while (line < spans.Count && spans[line].End <= p) line++;
                if (line >= spans.Count || spans[line].Start > p) { gold[i] = 0; continue; }
                int tag = spans[line].Tag;
                gold[i] = line == lastLine ? tags.InsideOf(tag) : tag;
                lastLine = line;
            }
            // each text-stage sentence on its own; an I- that begins one (or follows O) begins its span
            int start = 0;
            var ft = facts.Tokens;
            for (int i = 1; i <= ft.Length; i++)
            {
                if (i < ft.Length && ft[i].Sentence == ft[start].Sentence) continue;
                var g = gold.AsSpan(start, i - start).ToArray();
                for (int k = 0; k < g.Length; k++)
                    if (!(k == 0 ? tags.AllowedAtStart(g[k]) : tags.Allowed(g[k - 1], g[k]))) g[k] = tags.BeginOf(g[k]);
                yield return new Projected(facts, start, i, g);
                start = i;
            }
        }
    }
}
