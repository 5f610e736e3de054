using System.Diagnostics;
using System.Text;

namespace Marsad.Cli.Tests;

/// <summary>Runs the built `marsad` CLI in a child process, as a user would, and captures its streams.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "marsad.dll");

    public static Result Run(params string[] args) => RunIn(null, args);

    public static Result RunIn(string? workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    /// <summary>Runs with extra environment variables (e.g. MARSAD_SEARCH_CACHE=off).</summary>
    public static Result RunWith(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInput(null, workingDirectory, environment, args);

    /// <summary>Runs with <paramref name="stdin"/> written to standard input (then closed).</summary>
    public static Result RunWithInput(string? stdin, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            using (var w = new StreamWriter(p.StandardInput.BaseStream, new UTF8Encoding(false))) w.Write(stdin);
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("marsad did not finish in 2 minutes: " + string.Join(' ', args));
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes the articles as UTF-8 text files into DIR/in, ingests them into DIR/data with the CLI and returns the data folder.</summary>
    public static string IngestArticles(string dir, params (string Name, string Text)[] articles)
    {
        var input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        foreach (var (name, text) in articles) File.WriteAllText(Path.Combine(input, name), text, Encoding.UTF8);
        var data = Path.Combine(dir, "data");
        var ingest = Run("ingest", input, "--data", data);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr + ingest.Stdout);
        return data;
    }
}
