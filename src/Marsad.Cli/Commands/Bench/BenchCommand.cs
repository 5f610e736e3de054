using System.CommandLine;

namespace Marsad.Cli.Commands.Bench;

/// <summary><c>marsad bench …</c>: throughput measurements over real corpora, one subcommand per part.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Measure throughput (articles/s, MB/s) of Marsad's parts on a corpus.");
        foreach (var sub in Subcommands()) cmd.Subcommands.Add(sub);
        return cmd;
    }

    /// <summary>The subcommands, one line each (bench text, bench ingest, bench search … are added here).</summary>
    private static IEnumerable<Command> Subcommands() =>
    [
        BenchAnalyzeCommand.Create(),
    ];
}
