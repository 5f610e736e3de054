using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Marsad.Bench;

/// <summary>Benchmark input: Arabic news text we wrote ourselves, or the shared corpus when asked for.</summary>
public static class Samples
{
    /// <summary>A paragraph of Arabic news prose in the style of the corpus (written for these benchmarks).</summary>
    public const string Paragraph =
        "أعلنت وزارة الخارجية السعودية، الأحد، أنّ الرياض ستستضيف اجتماعاً للتحالف الدولي ضد تنظيم داعش بمشاركة وزراء "
        + "خارجية أكثر من ٣٠ دولة، وذلك في ١٠/٠٦/٢٠٢٣. وقال المتحدث باسم الوزارة إنّ المشاركين سيبحثون سبل دعم الاستقرار "
        + "في سوريا والعراق وليبيا، وتمويل برامج إعادة الإعمار بقيمة 1,234.5 مليون دولار. وأضاف أن وفداً من لبنان وفلسطين "
        + "سيحضر بصفة مراقب، مشيراً إلى أن «التعاون بين الدول الأعضاء أساسي لمواجهة التهديدات». للمزيد: https://example.org/news "
        + "#التحالف_الدولي والمؤسسات الإفريقية والأوروبية تتابع الاجتماع عن كثب، فيما أكد مسؤولون أنهم سيقدمون تقاريرهم لاحقاً.\n\n";

    public static string Text(int paragraphs) => string.Concat(Enumerable.Repeat(Paragraph, paragraphs));

    /// <summary>Bodies from a JSON Lines (optionally gzip) file with a "text" field.</summary>
    public static List<string> FromJsonLines(string path, int limit)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var list = new List<string>();
        while (list.Count < limit && reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("text", out var t) && t.GetString() is { Length: > 0 } s) list.Add(s);
        }
        return list;
    }
}
