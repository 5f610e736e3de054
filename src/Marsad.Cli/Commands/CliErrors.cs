using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary>Exit codes and the one way the CLI reports a failure: "marsad: FILE: problem" on stderr.</summary>
public static class CliErrors
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    /// <summary>The archive is damaged (a file of marsad.db or of the index): `marsad check` names it.</summary>
    public const int Damaged = 3;
    /// <summary>Another process writes to the archive.</summary>
    public const int Busy = 4;

    public static int Report(Exception e)
    {
        Console.Error.WriteLine(e switch
        {
            InputException ie => $"marsad: {ie.Message}",
            Store.Index.SearchRefusedException se => $"marsad: search refused: {se.Message}",
            OperationCanceledException => "marsad: cancelled",
            _ => $"marsad: {e.Message}",
        });
        return e switch
        {
            InputException or Store.Index.SearchRefusedException or Store.StoreUnavailableException => BadInput,
            Store.ArchiveDamagedException => Damaged,
            Store.ArchiveInUseException => Busy,
            _ => Failed,
        };
    }

    /// <summary>Runs <paramref name="action"/>, turning known failures into a message and an exit code.</summary>
    public static int Run(Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException
                                      or Store.Index.SearchRefusedException or Store.StoreUnavailableException or Store.ArchiveVersionException
                                      or Store.EventsPendingException)
        {
            return Report(e);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException or HttpRequestException
                                      or Store.Index.SearchRefusedException or Store.StoreUnavailableException or Store.ArchiveVersionException
                                      or Store.EventsPendingException)
        {
            return Report(e);
        }
    }
}
