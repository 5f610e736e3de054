using System.Text;

namespace Marsad.Cli.Tests;

/// <summary>`events` and `indicators` read the merge stored at ingest; bad options and a missing archive are clear errors.</summary>
public sealed class EventCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "marsad-cli-events-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Indicators_and_events_read_the_stored_merge()
    {
        var data = CliRunner.IngestArticles(_dir,
            ("a.txt", "هجوم في مقديشو\n\nبتاريخ : 08/03/2024\n\nقتل 12 شخصا في هجوم انتحاري شنته حركة الشباب على فندق في مقديشو يوم الجمعة.\n"),
            ("b.txt", "الحصيلة\n\nبتاريخ : 09/03/2024\n\nارتفعت حصيلة الهجوم الانتحاري الذي شنته حركة الشباب على فندق في مقديشو إلى 15 قتيلا.\n"));

        var byType = CliRunner.Run("indicators", "--data", data, "--by", "type", "--format", "csv");
        Assert.True(byType.ExitCode == 0, byType.Stderr);
        var assault = byType.Stdout.Split('\n').Single(l => l.StartsWith("ASSAULT,", StringComparison.Ordinal));
        Assert.Equal("15", assault.Split(',')[3]); // the largest toll reported, not 12 + 15

        var byCountry = CliRunner.Run("indicators", "--data", data, "--by", "country", "--format", "json");
        Assert.Contains("\"key\": \"SO\"", byCountry.Stdout);

        var events = CliRunner.Run("events", "--data", data, "--type", "ASSAULT");
        Assert.True(events.ExitCode == 0, events.Stderr);
        Assert.Contains("مقديشو", events.Stdout);
    }

    [Fact]
    public void Bad_window_and_missing_archive_are_reported()
    {
        var missing = CliRunner.Run("indicators", "--data", Path.Combine(_dir, "nothing"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no archive", missing.Stderr);
        Directory.CreateDirectory(_dir);
        var window = CliRunner.Run("events", "--data", _dir, "--window", "99");
        Assert.NotEqual(0, window.ExitCode);
    }
}
