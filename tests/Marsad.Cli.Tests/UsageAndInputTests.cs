using System.Text;

namespace Marsad.Cli.Tests;

/// <summary>Usage errors on stderr with exit 2; filters checked as the API checks them; standard input and CSV input; exports.</summary>
public sealed class UsageAndInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "marsad-cli-usage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_usage_error_prints_message_and_usage_on_stderr_and_exits_2()
    {
        var r = CliRunner.Run("events", "--no-such-option");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("--no-such-option", r.Stderr);
        Assert.Contains("Usage:", r.Stderr);
        Assert.Contains("--type", r.Stderr); // the usage of `events`, not of the root command
    }

    [Fact]
    public void An_unknown_option_among_the_ingest_inputs_is_a_usage_error_and_reads_nothing()
    {
        Directory.CreateDirectory(_dir);
        var input = Path.Combine(_dir, "a.txt");
        File.WriteAllText(input, "احتجاج في صنعاء\n\nبتاريخ : 12/04/2024\n\nتظاهر آلاف اليمنيين في صنعاء يوم الجمعة.\n");
        var data = Path.Combine(_dir, "data");
        var r = CliRunner.Run("ingest", "--limit", "1000", input, "--data", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'--limit'", r.Stderr);
        Assert.Equal("", r.Stdout);
        Assert.False(File.Exists(Path.Combine(data, "marsad.db")), "nothing may be ingested");
    }

    [Fact]
    public void Filters_are_checked_and_countries_given_by_name()
    {
        var data = CliRunner.IngestArticles(_dir,
            ("a.txt", "احتجاج في صنعاء\n\nبتاريخ : 12/04/2024\n\nتظاهر آلاف اليمنيين في صنعاء يوم الجمعة للمطالبة بصرف الرواتب المتأخرة.\n"));
        var badType = CliRunner.Run("events", "--data", data, "--type", "FOO");
        Assert.Equal(2, badType.ExitCode);
        Assert.Contains("--type", badType.Stderr);
        Assert.Equal("", badType.Stdout);
        var badCountry = CliRunner.Run("events", "--data", data, "--country", "Atlantis");
        Assert.Equal(2, badCountry.ExitCode);
        foreach (var name in new[] { "اليمن", "Yemen", "YE", "YEM" })
        {
            var r = CliRunner.Run("events", "--data", data, "--country", name);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("صنعاء", r.Stdout);
        }
    }

    [Fact]
    public void Dash_reads_standard_input_for_analyze_and_ingest()
    {
        var analyze = CliRunner.RunWithInput("زيارة رسمية\n\nبتاريخ : 10/06/2023\n\nاستقبل الرئيس التونسي في قصر قرطاج وزير الخارجية الجزائري.\n",
            null, null, "analyze", "-", "--format", "json");
        Assert.True(analyze.ExitCode == 0, analyze.Stderr);
        Assert.Contains("\"title\": \"زيارة رسمية\"", analyze.Stdout);

        var csv = "headline,content,date\n\"هجوم في مقديشو\",\"قتل خمسة أشخاص في هجوم على سوق في مقديشو يوم السبت.\",2024-03-02\n"
            + "\"مظاهرة في الرباط\",\"تظاهر المئات أمام البرلمان في الرباط للمطالبة بخفض الأسعار.\",2024-03-03\n";
        var data = Path.Combine(_dir, "csv");
        var ingest = CliRunner.RunWithInput(csv, null, null, "ingest", "-", "--format", "csv", "--field", "title=headline", "--field", "body=content",
            "--field", "published=date", "--data", data, "--quiet");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.Contains("stored 2", ingest.Stdout);
    }

    [Fact]
    public void Export_formats_and_the_changes_feed()
    {
        var data = CliRunner.IngestArticles(_dir,
            ("a.txt", "احتجاج في الدار البيضاء\n\nبتاريخ : 12/04/2024\n\nتظاهر آلاف العمال في الدار البيضاء يوم الجمعة للمطالبة برفع الأجور.\n"));
        var acled = CliRunner.Run("export", "events", "--data", data, "--format", "acled-csv", "--bom");
        Assert.True(acled.ExitCode == 0, acled.Stderr);
        // (the UTF-8 decoder of the test strips the byte order mark; the Store tests check it)
        Assert.StartsWith("event_id_cnty,event_date,year,", acled.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",-7.5833,", acled.Stdout);
        var plover = CliRunner.Run("export", "events", "--data", data, "--format", "plover");
        Assert.Contains("\"event_type\":\"PROTEST\"", plover.Stdout);
        var feed = CliRunner.Run("export", "changes", "--data", data, "--since", "2000-01-01");
        Assert.True(feed.ExitCode == 0, feed.Stderr);
        Assert.Contains("\"change\":\"added\"", feed.Stdout);
        var badSince = CliRunner.Run("export", "changes", "--data", data, "--since", "yesterday");
        Assert.Equal(2, badSince.ExitCode);
    }
}
