using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Marsad.Ingest;
using Marsad.Store.Index;
using Marsad.Text;
using Marsad.Text.Search;
using LuceneArabicAnalyzer = Lucene.Net.Analysis.Ar.ArabicAnalyzer;
using LuceneVersion = Lucene.Net.Util.LuceneVersion;

namespace Marsad.Cli.Commands.Bench;

/// <summary>
/// <c>marsad bench search --quality</c>: a news retrieval set built from the ANT corpus, and how well each
/// analyzer and ranking finds the right article first. From a seeded sample of articles, some are targets,
/// each asked for twice: by its title (the target indexed without its title, so the words must be found in
/// its body, against every other article's title and body) and by its first sentence (the target indexed
/// without that sentence). Queries are the analysed words, any of them (OR), over title (boosted) and body.
/// Prints R@1 (the target ranked first) and MRR@10 per query set, for Lucene's ArabicAnalyzer, Marsad's
/// analyzer with the previous ranking and with the archive's, and the rankings a grid search finds best.
/// </summary>
public static class SearchQualityBench
{
    private const string Title = "title", Body = "body";

    private sealed record Article(string Title, string Body);

    private sealed record QuerySet(string Name, List<(string Query, int Target)> Queries, List<Article> Docs);

    public sealed record Score(double RecallAt1, double MrrAt10);

    public static void Run(string corpus, int docCount, int queryCount, int seed, TextWriter output, TextWriter progress)
    {
        var articles = Read(corpus);
        if (articles.Count < docCount) docCount = articles.Count;
        var rnd = new Random(seed);
        var sample = articles.OrderBy(_ => rnd.Next()).Take(docCount).ToList();
        var sets = BuildSets(sample, queryCount);
        output.WriteLine($"search quality: {docCount:N0} ANT articles (seed {seed}) from {corpus}; "
            + string.Join(", ", sets.Select(s => $"{s.Queries.Count} {s.Name} queries")) + "; any-word queries over title and body");
        using var lucene = new LuceneArabicAnalyzer(LuceneVersion.LUCENE_48);
        using var marsad = new MarsadArabicAnalyzer();
        var previous = Ranking.Previous;
        var current = Ranking.Default;
        var luceneRuns = new List<(string, Analyzer, Ranking)>
        {
            ("Lucene ArabicAnalyzer, no title boost", lucene, previous with { TitleBoost = 1f }),
            ($"Lucene ArabicAnalyzer, {previous}", lucene, previous),
        };
        var rows = new List<(string Name, Score[] Scores)>();
        foreach (var (name, analyzer, ranking) in luceneRuns)
        {
            progress.WriteLine($"bench: {name}…");
            rows.Add((name, sets.Select(s => Evaluate(analyzer, s, [ranking])[0]).ToArray()));
        }
        // Marsad's analyzer: the grid over one index per query set.
        var grid = (from t in new[] { 1f, 1.5f, 2f, 3f, 4f }
                    from k in new[] { 0.6f, 0.9f, 1.2f, 1.6f }
                    from b in new[] { 0.4f, 0.6f, 0.75f, 0.9f }
                    select new Ranking(t, k, b)).ToList();
        if (!grid.Contains(previous)) grid.Add(previous);
        if (!grid.Contains(current)) grid.Add(current);
        progress.WriteLine($"bench: Marsad analyzer, {grid.Count} rankings…");
        var perSet = sets.Select(s => Evaluate(marsad, s, grid)).ToArray();
        Score[] Of(Ranking r) => perSet.Select(scores => scores[grid.IndexOf(r)]).ToArray();
        rows.Add(($"Marsad analyzer, {previous} (previous)", Of(previous)));
        rows.Add(($"Marsad analyzer, {current} (archive)", Of(current)));
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(inv, "{0,-62} {1}", "analyzer, ranking", string.Join("  ", sets.Select(s => $"{s.Name + " R@1",14} {"MRR@10",7}"))) + "   mean MRR");
        foreach (var (name, scores) in rows) output.WriteLine(Format(name, scores));
        output.WriteLine("best rankings of the grid for Marsad's analyzer (by mean MRR@10):");
        foreach (var r in grid.OrderByDescending(r => Of(r).Average(x => x.MrrAt10)).Take(5))
            output.WriteLine(Format($"  {r}", Of(r)));
    }

    private static string Format(string name, Score[] scores) =>
        string.Format(CultureInfo.InvariantCulture, "{0,-62} {1}   {2:F3}", name,
            string.Join("  ", scores.Select(s => string.Format(CultureInfo.InvariantCulture, "{0,14:F3} {1,7:F3}", s.RecallAt1, s.MrrAt10))),
            scores.Average(s => s.MrrAt10));

    private static List<QuerySet> BuildSets(List<Article> sample, int queryCount)
    {
        var titles = new List<(string, int)>();
        var leads = new List<(string, int)>();
        var titleDocs = new List<Article>(sample);
        var leadDocs = new List<Article>(sample);
        for (int i = 0; i < sample.Count && titles.Count < queryCount; i++)
        {
            var a = sample[i];
            var sentences = SentenceSplitter.Split(a.Body);
            if (sentences.Count < 3) continue;
            var first = sentences[0];
            var lead = a.Body[first.Start..first.End];
            if (Words(a.Title) < 3 || Words(lead) < 8) continue;
            titles.Add((a.Title, i));
            titleDocs[i] = a with { Title = "" };
            leads.Add((lead, i));
            leadDocs[i] = a with { Body = a.Body[first.End..] };
        }
        return [new QuerySet("title", titles, titleDocs), new QuerySet("lead", leads, leadDocs)];
    }

    private static int Words(string s) => ArabicTokenizer.ToList(s).Count(t => t.IsWord);

    /// <summary>Indexes the set's articles with the analyzer once, then scores each ranking on its queries.</summary>
    private static Score[] Evaluate(Analyzer analyzer, QuerySet set, IReadOnlyList<Ranking> rankings)
    {
        using var dir = new RAMDirectory();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() }))
        {
            foreach (var a in set.Docs)
                writer.AddDocument(new Document { new TextField(Title, a.Title, Field.Store.NO), new TextField(Body, a.Body, Field.Store.NO) });
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(dir);
        var searcher = new IndexSearcher(reader);
        var queryTerms = set.Queries.Select(q => (Terms(analyzer, q.Query), q.Target)).ToList();
        var scores = new Score[rankings.Count];
        for (int r = 0; r < rankings.Count; r++)
        {
            searcher.Similarity = rankings[r].Similarity();
            int first = 0;
            double rr = 0;
            foreach (var (terms, target) in queryTerms)
            {
                if (terms.Count == 0) continue;
                var hits = searcher.Search(Build(terms, rankings[r].TitleBoost), 10).ScoreDocs;
                for (int k = 0; k < hits.Length; k++)
                {
                    if (hits[k].Doc != target) continue;
                    if (k == 0) first++;
                    rr += 1.0 / (k + 1);
                    break;
                }
            }
            scores[r] = new Score((double)first / queryTerms.Count, rr / queryTerms.Count);
        }
        return scores;
    }

    private static BooleanQuery Build(List<string> terms, float titleBoost)
    {
        var query = new BooleanQuery();
        foreach (var t in terms)
        {
            var either = new BooleanQuery
            {
                { new TermQuery(new Term(Title, t)) { Boost = titleBoost }, Occur.SHOULD },
                { new TermQuery(new Term(Body, t)), Occur.SHOULD },
            };
            query.Add(either, Occur.SHOULD);
        }
        return query;
    }

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var list = new List<string>();
        using var stream = analyzer.GetTokenStream(Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            if (!list.Contains(t)) list.Add(t);
        }
        stream.End();
        return list;
    }

    private static List<Article> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var list = BenchInput.ReadLines(stream, path, 0, root =>
        {
            string? title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            string? body = root.TryGetProperty("text", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            return string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(body) ? null : new Article(title.Trim(), body);
        });
        if (list.Count < 100) throw new InputException(path, $"only {list.Count} articles with a \"title\" and a \"text\"; the retrieval set needs at least 100");
        return list;
    }
}
