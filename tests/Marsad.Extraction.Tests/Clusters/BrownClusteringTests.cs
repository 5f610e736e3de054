using Marsad.Analysis;
using Marsad.Extraction.Clusters;

namespace Marsad.Extraction.Tests.Clusters;

public sealed class BrownClusteringTests
{
    private static AnalyzedDocument Analyze(string body)
    {
        var doc = new AnalyzedDocument(new ArticleInput { Title = "", Body = body });
        new TextStage().Process(doc, CancellationToken.None);
        return doc;
    }

    /// <summary>The cluster key the text stage gives a lone word (its stem), as the tagger will look it up.</summary>
    private static string Key(string word) => WordClusterKey.Of(Analyze(word).Tokens.Single())!;

    private static ClusterCorpus Corpus(IEnumerable<string> articles, int minCount = 1, int maxWords = 10_000)
    {
        var builder = new ClusterCorpusBuilder();
        foreach (var a in articles) builder.Add(Analyze(a));
        return builder.Build(minCount, maxWords);
    }

    private static string Write(ClusterCorpus corpus, BrownResult result)
    {
        var w = new StringWriter();
        ClusterFile.Write(w, corpus, result, ["test"]);
        return w.ToString();
    }

    // People act, places are where things happen: the two sets share no context word.
    private static readonly string[] People = ["أحمد", "محمود", "خالد", "يوسف", "سمير"];
    private static readonly string[] Places = ["بغداد", "دمشق", "تونس", "الرباط", "بيروت"];
    private static readonly string[] Acts = ["قال", "أكد", "أعلن", "أوضح"];
    private static readonly string[] Goings = ["وصل", "توجه", "عاد", "سافر"];

    /// <summary>Sentences like «قال أحمد إن الوفد وصل إلى بغداد.» (four fixed words, four classes) with the choices drawn from a fixed seed.</summary>
    private static List<string> Synthetic(int sentences)
    {
        var random = new Random(7);
        var articles = new List<string>();
        for (int a = 0; a < sentences / 10; a++)
        {
            var body = new System.Text.StringBuilder();
            for (int s = 0; s < 10; s++)
            {
                string person = People[random.Next(People.Length)], place = Places[random.Next(Places.Length)];
                body.Append($"{Acts[random.Next(Acts.Length)]} {person} إن الوفد {Goings[random.Next(Goings.Length)]} إلى {place}. ");
            }
            articles.Add(body.ToString());
        }
        return articles;
    }

    [Fact]
    public void The_same_corpus_gives_the_same_bytes()
    {
        var articles = Synthetic(300);
        var first = Corpus(articles);
        string a = Write(first, BrownClustering.Run(first, 6));
        var second = Corpus(articles);
        string b = Write(second, BrownClustering.Run(second, 6));
        Assert.Equal(a, b);
        Assert.Contains("\t", a);
    }

    [Fact]
    public void Words_used_alike_share_a_cluster()
    {
        var corpus = Corpus(Synthetic(600));
        var result = BrownClustering.Run(corpus, 8);
        string PathOf(string word) => result.Paths[Array.IndexOf(corpus.Words, Key(word))];
        var people = People.Select(PathOf).Distinct().ToList();
        var places = Places.Select(PathOf).Distinct().ToList();
        var goings = Goings.Select(PathOf).Distinct().ToList();
        Assert.True(people.Count == 1 && places.Count == 1 && goings.Count == 1, Write(corpus, result));
        Assert.Equal(3, new[] { people[0], places[0], goings[0] }.Distinct().Count());
    }

    [Fact]
    public void Every_word_has_a_bit_path_and_rows_are_sorted_by_path()
    {
        var corpus = Corpus(Synthetic(200));
        var result = BrownClustering.Run(corpus, 4);
        Assert.All(result.Paths, p => Assert.Matches("^[01]+$", p));
        Assert.Equal(4, result.Paths.Distinct().Count());
        var rows = Write(corpus, result).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l[0] != '#').Select(l => l.Split('\t')).ToList();
        Assert.Equal(corpus.Words.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal(3, r.Length));
        var paths = rows.Select(r => r[1]).ToList();
        Assert.Equal(paths.OrderBy(p => p, StringComparer.Ordinal), paths);
    }

    [Fact]
    public void A_vocabulary_smaller_than_the_cluster_count_is_one_cluster_per_word()
    {
        var corpus = Corpus(["قال أحمد إن الوفد وصل.", "قال خالد إن الوفد عاد."]);
        var result = BrownClustering.Run(corpus, 100);
        Assert.Equal(corpus.Words.Length, result.Clusters);
        Assert.Equal(corpus.Words.Length, result.Paths.Distinct().Count());
    }

    [Fact]
    public void The_vocabulary_is_cut_by_count_and_size()
    {
        var corpus = Corpus(Synthetic(100), minCount: 20, maxWords: 8);
        Assert.True(corpus.Words.Length <= 8);
        Assert.All(corpus.Counts, c => Assert.True(c >= 20));
        Assert.Equal(corpus.Counts.OrderByDescending(c => c), corpus.Counts);
        Assert.Throws<ArgumentException>(() => BrownClustering.Run(Corpus(["قال"], minCount: 5), 4));
    }

    [Theory]
    [InlineData("2018", "0000")]
    [InlineData("٢٠١٨", "0000")]
    [InlineData("كوفيد19", "كوفيد00")]
    public void Digits_fold_to_zero(string word, string expected) => Assert.Equal(expected, Key(word));

    [Fact]
    public void Keys_are_the_clitic_free_stems()
    {
        Assert.Equal(Key("مدينة"), Key("والمدينة"));
        Assert.Equal(Analyze("بالمدينة").Tokens[0].Stem, Key("بالمدينة"));
        Assert.Null(WordClusterKey.Of(Analyze("#مصر").Tokens[0]));
    }
}
