using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary>Exit codes and the one way the CLI reports a failure: "marsad: FILE: problem" on stderr.</summary>
public static class CliErrors
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Report(Exception e)
    {
        Console.Error.WriteLine(e switch
        {
            InputException ie => $"marsad: {ie.Message}",
            OperationCanceledException => "marsad: cancelled",
            _ => $"marsad: {e.Message}",
        });
        return e is InputException ? BadInput : Failed;
    }

    /// <summary>Runs <paramref name="action"/>, turning known failures into a message and an exit code.</summary>
    public static int Run(Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException)
        {
            return Report(e);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException or HttpRequestException)
        {
            return Report(e);
        }
    }
}
