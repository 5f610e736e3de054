using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Marsad.Ingest;

namespace Marsad.Cli.Commands.Bench;

/// <summary>Reads benchmark texts: JSON Lines (optionally gzip) with a "text" field, or one plain text file.</summary>
public static class BenchInput
{
    public static List<string> Read(string path, int limit)
    {
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        bool gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        bool jsonl = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase);
        var texts = new List<string>();
        using Stream file = File.OpenRead(path);
        using Stream stream = gz ? new GZipStream(file, CompressionMode.Decompress) : file;
        if (!jsonl)
        {
            using var plain = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var all = plain.ReadToEnd();
            if (all.Length == 0) throw new InputException(path, "empty file");
            texts.Add(all);
            return texts;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        int lineNo = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    var s = text.GetString();
                    if (!string.IsNullOrEmpty(s)) texts.Add(s);
                }
                if (limit > 0 && texts.Count >= limit) break;
            }
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"not JSON Lines ({e.Message})", lineNo);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, $"not a gzip file ({e.Message})");
        }
        if (texts.Count == 0) throw new InputException(path, "no line with a non-empty \"text\" field");
        return texts;
    }
}
