using System.CommandLine;
using Marsad.Cli.Commands.Bench;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad bench …</c>: throughput benchmarks run in one process against a baseline.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Measure throughput against a baseline run in the same process.");
        cmd.Subcommands.Add(TextBenchCommand.Create());
        return cmd;
    }
}
