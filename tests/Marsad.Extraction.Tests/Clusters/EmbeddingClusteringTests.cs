using Marsad.Analysis;
using Marsad.Extraction.Clusters;

namespace Marsad.Extraction.Tests.Clusters;

public sealed class EmbeddingClusteringTests
{
    private static AnalyzedDocument Analyze(string body)
    {
        var doc = new AnalyzedDocument(new ArticleInput { Title = "", Body = body });
        new TextStage().Process(doc, CancellationToken.None);
        return doc;
    }

    private static string Key(string word) => WordClusterKey.Of(Analyze(word).Tokens.Single())!;

    private static ClusterCorpus Corpus(IEnumerable<string> articles)
    {
        var builder = new ClusterCorpusBuilder();
        foreach (var a in articles) builder.Add(Analyze(a));
        return builder.Build(1, 10_000);
    }

    // Two kinds of sentence that share no word: a minister speaks in a capital, a team plays a match.
    private static readonly string[] Ministers = ["الوزير", "الرئيس", "السفير", "المبعوث"];
    private static readonly string[] Capitals = ["بغداد", "دمشق", "القاهرة", "عمان"];
    private static readonly string[] Teams = ["الهلال", "النصر", "الأهلي", "الزمالك"];
    private static readonly string[] Grounds = ["ملعب", "مدرج", "استاد", "نادي"];

    private static List<string> Synthetic(int sentences)
    {
        var random = new Random(5);
        var articles = new List<string>();
        for (int a = 0; a < sentences / 10; a++)
        {
            var body = new System.Text.StringBuilder();
            for (int s = 0; s < 10; s++)
            {
                if (random.Next(2) == 0)
                    body.Append($"صرح {Ministers[random.Next(4)]} في مؤتمر صحفي عقده في {Capitals[random.Next(4)]} أمس. ");
                else
                    body.Append($"فاز فريق {Teams[random.Next(4)]} بالمباراة على أرض {Grounds[random.Next(4)]} المدينة. ");
            }
            articles.Add(body.ToString());
        }
        return articles;
    }

    private static readonly EmbeddingOptions Small = new() { Dimensions = 16, Epochs = 5, Depth = 4, MinLeaf = 2, Sample = 0 };

    private static string Write(ClusterCorpus corpus, string[] paths)
    {
        var w = new StringWriter();
        ClusterFile.Write(w, corpus, paths, ["test"]);
        return w.ToString();
    }

    [Fact]
    public void The_same_corpus_and_seed_give_the_same_file()
    {
        var articles = Synthetic(200);
        var a = Corpus(articles);
        var b = Corpus(articles);
        string first = Write(a, EmbeddingClustering.Run(a, Small).Paths);
        Assert.Equal(first, Write(b, EmbeddingClustering.Run(b, Small).Paths));
        Assert.NotEqual(first, Write(a, EmbeddingClustering.Run(a, Small with { Seed = 18 }).Paths));
    }

    [Fact]
    public void Words_of_one_kind_of_sentence_share_the_first_split()
    {
        var corpus = Corpus(Synthetic(400));
        var result = EmbeddingClustering.Run(corpus, Small);
        string Top(string word) => result.Paths[Array.IndexOf(corpus.Words, Key(word))][..1];
        var politics = Ministers.Concat(Capitals).Select(Top).Distinct().ToList();
        var sport = Teams.Concat(Grounds).Select(Top).Distinct().ToList();
        Assert.Single(politics);
        Assert.Single(sport);
        Assert.NotEqual(politics[0], sport[0]);
        Assert.All(result.Paths, p => Assert.InRange(p.Length, 1, Small.Depth));
        int d = Small.Dimensions;
        for (int w = 0; w < corpus.Words.Length; w++)
        {
            double norm = Math.Sqrt(result.Vectors.AsSpan(w * d, d).ToArray().Sum(x => (double)x * x));
            Assert.InRange(norm, 0.999, 1.001);
        }
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var corpus = Corpus(Synthetic(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingClustering.Run(corpus, Small with { Dimensions = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingClustering.Run(corpus, Small with { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingClustering.Run(corpus, Small with { Depth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingClustering.Run(corpus, Small with { Window = 0 }));
    }
}
