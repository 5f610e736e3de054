using System.CommandLine;
using Marsad.Cli.Commands.Bench;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad bench …</c>: the parent of the benchmark commands (one subcommand per part).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Measure throughput and latency of Marsad's parts on real corpora.");
        cmd.Subcommands.Add(TextBenchCommand.Create());
        cmd.Subcommands.Add(BenchAnalyzeCommand.Create());
        cmd.Subcommands.Add(BenchIngestCommand.Create());
        cmd.Subcommands.Add(BenchSearchCommand.Create());
        cmd.Subcommands.Add(BenchParityCommand.Create());
        cmd.Subcommands.Add(BenchArchiveParityCommand.Create());
        return cmd;
    }

    /// <summary>The ANT corpus under a <c>shared/corpus</c> folder next to the working folder or one of its parents.</summary>
    public static string? FindCorpus(string file = "ant-multisource-v2.1.jsonl.gz")
    {
        if (Environment.GetEnvironmentVariable("MARSAD_CORPUS") is { Length: > 0 } env && File.Exists(env)) return env;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", file);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Peak resident memory of this process (VmHWM on Linux).</summary>
    public static long PeakMemoryBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
