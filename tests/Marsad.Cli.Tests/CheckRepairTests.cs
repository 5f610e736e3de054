namespace Marsad.Cli.Tests;

/// <summary>Issue 14, items 1 and 7 from the command line: refused searches, `marsad check` and `marsad repair`, no stack traces.</summary>
public sealed class CheckRepairTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "marsad-cli-check-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Data() => CliRunner.IngestArticles(_dir,
        ("a.txt", "افتتاح مكتبة عامة في صفاقس\n\nبتاريخ : 08/03/2024\n\nافتتحت بلدية صفاقس مكتبة عامة جديدة تضم آلاف الكتب للأطفال والطلبة.\n"),
        ("b.txt", "موسم الزيتون في جنين\n\nبتاريخ : 12/10/2024\n\nبدأ المزارعون في جنين قطف الزيتون وسط توقعات بموسم وفير هذا العام.\n"));

    [Theory]
    [InlineData("--limit", "2147483647", "at most 10,000 results")]
    [InlineData("--limit", "1000000000", "at most 10,000 results")]
    public void A_huge_limit_is_refused_with_exit_2_not_a_stack_trace(string option, string value, string message)
    {
        var r = CliRunner.Run("search", "مكتبة", option, value, "--data", Data());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void A_regular_expression_is_refused_at_once()
    {
        var r = CliRunner.Run("search", "/(.*a.{30})/", "--data", Data());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("regular expressions", r.Stderr);
    }

    [Fact]
    public void Check_names_a_missing_segments_file_and_repair_brings_the_archive_back()
    {
        var data = Data();
        var clean = CliRunner.Run("check", "--data", data);
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Contains("clean · 2 documents, 2 index entries", clean.Stdout);

        foreach (var f in Directory.GetFiles(Path.Combine(data, "index"), "segments*")) File.Delete(f);
        var damaged = CliRunner.Run("check", "--data", data);
        Assert.Equal(3, damaged.ExitCode);
        Assert.Contains("no segments file", damaged.Stderr);
        Assert.DoesNotContain("   at ", damaged.Stderr);

        var repair = CliRunner.Run("repair", "--data", data);
        Assert.True(repair.ExitCode == 0, repair.Stderr);
        Assert.Contains("index rebuilt · 2 documents", repair.Stdout);
        Assert.Equal(0, CliRunner.Run("check", "--data", data).ExitCode);
        Assert.Contains("2 results", CliRunner.Run("search", "", "--data", data).Stdout);
    }

    [Fact]
    public void A_truncated_index_file_gives_a_message_and_exit_3_on_search()
    {
        var data = Data();
        var biggest = Directory.GetFiles(Path.Combine(data, "index")).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length).First();
        using (var f = new FileStream(biggest, FileMode.Open)) f.SetLength(f.Length / 2);
        var r = CliRunner.Run("search", "مكتبة", "--data", data);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("marsad repair", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
