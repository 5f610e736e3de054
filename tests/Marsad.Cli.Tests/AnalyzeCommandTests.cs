using System.Text;
using System.Text.Json;

namespace Marsad.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Article = """
        البرلمان الليبي يصادق على قانون الانتخابات

        جلسة استثنائية في بنغازي

        صادق مجلس النواب الليبي، أمس الثلاثاء، على قانون الانتخابات الرئاسية.
        وقال المتحدث باسم المجلس إن القانون سيحال إلى المفوضية العليا للانتخابات.

        بتاريخ : 05/10/2022
        """;

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Json_format_prints_the_contract_object()
    {
        string path = Write("a.txt", Encoding.UTF8.GetBytes(Article));
        var r = CliRunner.Run("analyze", path, "--format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal("marsad.analysis/1", root.GetProperty("schema").GetString());
        var doc = root.GetProperty("document");
        Assert.Equal("البرلمان الليبي يصادق على قانون الانتخابات", doc.GetProperty("title").GetString());
        Assert.Equal("جلسة استثنائية في بنغازي", doc.GetProperty("subtitle").GetString());
        Assert.Equal("2022-10-05", doc.GetProperty("published").GetString());
        Assert.Equal(16, doc.GetProperty("id").GetString()!.Length);
        string text = root.GetProperty("text").GetString()!;
        foreach (var s in root.GetProperty("sentences").EnumerateArray())
        {
            int start = s.GetProperty("start").GetInt32(), end = s.GetProperty("end").GetInt32();
            Assert.InRange(start, 0, end - 1);
            Assert.InRange(end, start + 1, text.Length);
        }
        foreach (var layer in new[] { "entities", "times", "quantities", "events", "relations" })
            Assert.Equal(JsonValueKind.Array, root.GetProperty(layer).ValueKind);
    }

    [Fact]
    public void Text_format_is_a_summary()
    {
        string path = Write("a.txt", Encoding.UTF8.GetBytes(Article));
        var r = CliRunner.Run("analyze", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("البرلمان الليبي يصادق على قانون الانتخابات", r.Stdout);
        Assert.Contains("published 2022-10-05", r.Stdout);
    }

    [Fact]
    public void Windows_1256_file_gives_the_same_analysis_as_utf8()
    {
        var a = CliRunner.Run("analyze", Write("u.txt", Encoding.UTF8.GetBytes(Article)), "--format", "json");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var b = CliRunner.Run("analyze", Write("w.txt", Encoding.GetEncoding(1256).GetBytes(Article)), "--format", "json");
        Assert.Equal(0, b.ExitCode);
        using var ja = JsonDocument.Parse(a.Stdout);
        using var jb = JsonDocument.Parse(b.Stdout);
        Assert.Equal(ja.RootElement.GetProperty("text").GetString(), jb.RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("missing.txt", null, "no such file")]
    [InlineData("empty.txt", new byte[0], "empty file")]
    [InlineData("junk.bin", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF }, "binary")]
    public void Bad_input_names_the_file_and_exits_2(string name, byte[]? bytes, string problem)
    {
        string path = bytes is null ? Path.Combine(_dir, name) : Write(name, bytes);
        var r = CliRunner.Run("analyze", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(name, r.Stderr);
        Assert.Contains(problem, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Unknown_format_is_refused()
    {
        var r = CliRunner.Run("analyze", Write("a.txt", Encoding.UTF8.GetBytes(Article)), "--format", "xml");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("xml", r.Stderr);
    }
}
