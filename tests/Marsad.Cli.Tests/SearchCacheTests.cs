using System.Text;
using System.Text.RegularExpressions;

namespace Marsad.Cli.Tests;

/// <summary>MARSAD_SEARCH_CACHE=off (for benchmarks of first-seen queries) changes how fast, never what a search finds.</summary>
public sealed partial class SearchCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "marsad-cli-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Search_with_caches_off_finds_the_same_hits_snippets_and_facets()
    {
        var data = CliRunner.IngestArticles(_dir,
            ("a.txt", "وزير الخارجية في الرباط\n\nبتاريخ : 08/03/2024\n\nاستقبل وزير الخارجية المغربي في الرباط نظيره الموريتاني وبحثا التعاون بين البلدين.\n"),
            ("b.txt", "اجتماع في نواكشوط\n\nبتاريخ : 12/04/2024\n\nعقد وزراء الخارجية اجتماعا في نواكشوط لبحث الأمن في منطقة الساحل.\n"));

        var on = CliRunner.Run("search", "الخارجية", "--data", data, "--format", "json");
        var off = CliRunner.RunWith(null, new Dictionary<string, string> { ["MARSAD_SEARCH_CACHE"] = "off" }, "search", "الخارجية", "--data", data, "--format", "json");
        Assert.True(on.ExitCode == 0, on.Stderr);
        Assert.True(off.ExitCode == 0, off.Stderr);
        Assert.Contains("\"total\": 2", on.Stdout);
        Assert.Equal(WithoutTimings(on.Stdout), WithoutTimings(off.Stdout));
    }

    private static string WithoutTimings(string json) => Elapsed().Replace(json, "");

    [GeneratedRegex("\"elapsed_ms\": [0-9.]+,?")]
    private static partial Regex Elapsed();
}
