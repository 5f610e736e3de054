namespace Marsad.Ingest;

/// <summary>Input that cannot be read, with the file (or URL) and, where known, the position.</summary>
public sealed class InputException : Exception
{
    public InputException(string source, string problem, long? line = null, Exception? inner = null)
        : base(Format(source, problem, line), inner)
    {
        Source_ = source;
        Problem = problem;
        Line = line;
    }

    /// <summary>The file path or URL.</summary>
    public string Source_ { get; }
    public string Problem { get; }
    public long? Line { get; }

    private static string Format(string source, string problem, long? line) =>
        line is null ? $"{source}: {problem}" : $"{source}:{line}: {problem}";
}
