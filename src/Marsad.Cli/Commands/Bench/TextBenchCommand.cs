using System.CommandLine;

namespace Marsad.Cli.Commands.Bench;

/// <summary><c>marsad bench text [--input FILE] [--limit N] [--rounds N]</c>.</summary>
public static class TextBenchCommand
{
    public const string DefaultCorpus = "ant-multisource-v2.1.jsonl.gz";

    public static Command Create()
    {
        var input = new Option<string?>("--input", "-i")
        {
            Description = "Text to analyse: a .jsonl or .jsonl.gz file (field \"text\" of each line) or a plain UTF-8 text file. "
                + $"Default: ../shared/corpus/{DefaultCorpus}.",
        };
        var limit = new Option<int>("--limit", "-n") { Description = "Read at most N articles (0: all).", DefaultValueFactory = _ => 0 };
        var rounds = new Option<int>("--rounds", "-r") { Description = "Measured rounds per pass (the fastest is reported).", DefaultValueFactory = _ => 3 };
        limit.Validators.Add(v => { if (v.GetValueOrDefault<int>() < 0) v.AddError("--limit must be 0 or more"); });
        rounds.Validators.Add(v => { if (v.GetValueOrDefault<int>() < 1) v.AddError("--rounds must be 1 or more"); });
        var cmd = new Command("text", "Lucene.NET's ArabicAnalyzer vs Marsad's search analyzer vs Marsad's tokenise+normalise+segment pass: MB/s, tokens/s, bytes allocated per token.")
        {
            input, limit, rounds,
        };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            int n = r.GetValue(limit), k = r.GetValue(rounds);
            var path = r.GetValue(input) ?? FindDefaultCorpus();
            var texts = BenchInput.Read(path, n);
            var report = TextBench.Run(texts, k, Console.Error);
            Console.Out.Write(report.Format(path));
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>
    /// ../shared/corpus/FILE from the current directory or the repository the CLI was built from; a worktree
    /// one level deeper (wt/NAME) finds the same folder further up, so every ancestor is tried.
    /// </summary>
    private static string FindDefaultCorpus()
    {
        var relative = Path.Combine("..", "shared", "corpus", DefaultCorpus);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus", DefaultCorpus);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new Marsad.Ingest.InputException(relative,
            "default benchmark corpus not found; pass --input FILE (a .jsonl[.gz] with a \"text\" field, or plain text)");
    }
}
