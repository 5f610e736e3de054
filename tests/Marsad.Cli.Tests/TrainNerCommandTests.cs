using System.Text;

namespace Marsad.Cli.Tests;

public sealed class TrainNerCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-train-ner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // sentences written for this test, token and tag per line
    private string Conll()
    {
        string path = Path.Combine(_dir, "tiny.conll");
        var sb = new StringBuilder();
        string[] people = ["سامر الخطيب", "كمال النعيمي", "رامي الصباغ"], places = ["عمان", "حلب", "بيروت"];
        for (int i = 0; i < 9; i++)
        {
            var p = people[i % 3].Split(' ');
            sb.Append("قال O\nالوزير O\n").Append(p[0]).Append(" B-PERS\n").Append(p[1]).Append(" I-PERS\nفي O\n")
              .Append(places[i / 3]).Append(" B-LOC\n. O\n\n");
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void An_ensemble_model_is_written_the_same_twice_and_tags()
    {
        string conll = Conll(), a = Path.Combine(_dir, "a.nermodel"), b = Path.Combine(_dir, "b.nermodel");
        string[] args = ["train", "ner", "--train", conll, "--epochs", "3", "--stack-folds", "0", "--ensemble", "3", "--quiet", "--out"];
        var r = CliRunner.Run([.. args, a]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(0, CliRunner.Run([.. args, b]).ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var tagged = CliRunner.Run("ner", "--conll", conll, "--model", a);
        Assert.True(tagged.ExitCode == 0, tagged.Stderr);
        Assert.Contains("سامر B-PERS B-PERS\nالخطيب I-PERS I-PERS", tagged.Stdout);
    }

    [Theory]
    [InlineData("0", "must be 1 to 64")]
    [InlineData("65", "must be 1 to 64")]
    public void Bad_ensemble_sizes_are_refused(string value, string message)
    {
        var r = CliRunner.Run("train", "ner", "--train", Conll(), "--out", Path.Combine(_dir, "m.nermodel"), "--ensemble", value, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--ensemble", r.Stderr);
        Assert.Contains(message, r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "m.nermodel")));
    }

    [Fact]
    public void An_ensemble_of_crfs_is_refused()
    {
        var r = CliRunner.Run("train", "ner", "--train", Conll(), "--out", Path.Combine(_dir, "m.nermodel"), "--ensemble", "2", "--trainer", "crf", "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("only averages perceptrons", r.Stderr);
    }
}
