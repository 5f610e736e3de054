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

        using Stream file = File.OpenRead(path);
        using Stream stream = gz ? new GZipStream(file, CompressionMode.Decompress) : file;
        if (!jsonl)
        {
            using var plain = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var all = plain.ReadToEnd();
            if (all.Length == 0) throw new InputException(path, "empty file");
            return [all];
        }
        var texts = ReadLines(stream, path, limit, root =>
            root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } s ? s : null);
        if (texts.Count == 0) throw new InputException(path, "no line with a non-empty \"text\" field");
        return texts;
    }

    /// <summary>
    /// The items <paramref name="select"/> makes of the JSON objects of a JSON Lines stream (null: skip the
    /// line), at most <paramref name="limit"/> (0: all); a line that is not JSON is an error naming the file and line.
    /// </summary>
    public static List<T> ReadLines<T>(Stream stream, string path, int limit, Func<JsonElement, T?> select) where T : class
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var items = new List<T>();
        int lineNo = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && select(doc.RootElement) is { } item) items.Add(item);
                if (limit > 0 && items.Count >= limit) break;
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
        return items;
    }
}
