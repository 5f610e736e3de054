using System.Text;
using System.Text.Json;

namespace Marsad.Cli.Tests;

public sealed class TrainClustersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-clusters-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Corpus(string name, IEnumerable<string> bodies)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, bodies.Select((b, i) => JsonSerializer.Serialize(new { docno = $"d{i}", title = "", text = b })), new UTF8Encoding(false));
        return path;
    }

    private static IEnumerable<string> Bodies()
    {
        string[] people = ["أحمد", "خالد", "سمير"], places = ["بغداد", "دمشق", "بيروت"];
        for (int i = 0; i < 40; i++)
            yield return $"قال {people[i % 3]} إن الوفد وصل إلى {places[i / 3 % 3]} في عام {2000 + i}.";
    }

    [Fact]
    public void Writes_a_sorted_cluster_file_and_a_summary_twice_the_same()
    {
        string corpus = Corpus("c.jsonl", Bodies());
        string a = Path.Combine(_dir, "a.tsv"), b = Path.Combine(_dir, "b.tsv");
        var r = CliRunner.Run("train", "clusters", "--input", corpus, "--out", a, "--clusters", "4", "--min-count", "2", "--quiet");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("read 40 articles", r.Stdout);
        Assert.Contains("clusters 4", r.Stdout);
        Assert.Equal(0, CliRunner.Run("train", "clusters", "-i", corpus, "-o", b, "-c", "4", "--min-count", "2", "-q").ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var rows = File.ReadAllLines(a).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.All(rows, row => Assert.Matches("^[01]+$", row[1]));
        Assert.Contains(rows, row => row[0] == "0000" && row[2] == "40"); // the years, digits folded
        Assert.Contains(rows, row => row[0] == "وفد" && row[2] == "40"); // the stem, without its article
    }

    [Fact]
    public void A_missing_corpus_is_an_error_naming_it()
    {
        string missing = Path.Combine(_dir, "none.jsonl.gz");
        var r = CliRunner.Run("train", "clusters", "--input", missing, "--out", Path.Combine(_dir, "x.tsv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(missing, r.Stderr);
        Assert.Contains("no such file", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.tsv")));
    }

    [Fact]
    public void An_empty_corpus_is_an_error_naming_it()
    {
        string empty = Path.Combine(_dir, "empty.jsonl");
        File.WriteAllText(empty, "");
        var r = CliRunner.Run("train", "clusters", "--input", empty, "--out", Path.Combine(_dir, "x.tsv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(empty, r.Stderr);
        Assert.Contains("empty", r.Stderr);

        string blank = Corpus("blank.jsonl", ["", " "]);
        r = CliRunner.Run("train", "clusters", "--input", blank, "--out", Path.Combine(_dir, "x.tsv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no article", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.tsv")));
    }

    [Fact]
    public void Too_few_clusters_is_an_error()
    {
        var r = CliRunner.Run("train", "clusters", "--input", Corpus("c.jsonl", Bodies()), "--out", Path.Combine(_dir, "x.tsv"), "--clusters", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--clusters", r.Stderr);
    }

    [Fact]
    public void Embedding_clusters_are_written_in_the_same_layout_twice_the_same()
    {
        string corpus = Corpus("c.jsonl", Bodies());
        string a = Path.Combine(_dir, "a.tsv"), b = Path.Combine(_dir, "b.tsv");
        string[] args = ["train", "clusters", "--input", corpus, "--method", "embeddings", "--dimensions", "8", "--epochs", "2", "--depth", "3", "--min-count", "2", "--quiet"];
        var r = CliRunner.Run([.. args, "--out", a]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("embeddings 8 dimensions", r.Stdout);
        Assert.Equal(0, CliRunner.Run([.. args, "--out", b]).ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var rows = File.ReadAllLines(a).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.All(rows, row => Assert.Matches("^[01]{1,3}$", row[1]));
        Assert.Contains(rows, row => row[0] == "وفد" && row[2] == "40");
        Assert.Contains(File.ReadAllLines(a), l => l.StartsWith("# Skip-gram embeddings (8 dimensions"));
    }

    [Theory]
    [InlineData("--method", "kmeans")]
    [InlineData("--dimensions", "1")]
    [InlineData("--epochs", "0")]
    [InlineData("--window", "0")]
    [InlineData("--depth", "31")]
    public void A_bad_embedding_setting_is_an_error_naming_it(string option, string value)
    {
        var r = CliRunner.Run("train", "clusters", "--input", Corpus("c.jsonl", Bodies()), "--out", Path.Combine(_dir, "x.tsv"), "--method", "embeddings", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.tsv")));
    }
}
