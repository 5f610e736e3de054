using System.CommandLine;

namespace Marsad.Cli.Commands;

/// <summary>
/// A command line that does not parse (unknown option, missing or bad value): a short message and the
/// command's usage, both on stderr, and exit code 2, so stdout stays clean for pipes.
/// </summary>
public static class UsageError
{
    public static int Report(RootCommand root, ParseResult parsed)
    {
        foreach (var e in parsed.Errors) Console.Error.WriteLine($"marsad: {e.Message}");
        Console.Error.WriteLine();
        // The help of the command the line was for, rendered to stderr.
        var path = new List<string>();
        for (var r = parsed.CommandResult; r is not null && r.Command != root; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            path.Insert(0, r.Command.Name);
        path.Add("--help");
        root.Parse(path).Invoke(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
        return CliErrors.BadInput;
    }
}
