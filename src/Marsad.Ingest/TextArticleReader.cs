using Marsad.Analysis;

namespace Marsad.Ingest;

/// <summary>
/// Reads a plain-text article: the first non-empty line is the title; a short second paragraph
/// followed by more text is the sub-title; a dateline line (<see cref="Dateline"/>) anywhere gives
/// the publication date and is left out of the body; the rest, line breaks kept, is the body.
/// </summary>
public static class TextArticleReader
{
    /// <summary>Files larger than this are refused rather than read into memory.</summary>
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    private const int MaxSubtitleLength = 300;

    public static ArticleInput ReadFile(string path, long maxBytes = DefaultMaxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new InputException(path, Directory.Exists(path) ? "is a folder, not a file" : "no such file");
        if (info.Length == 0)
            throw new InputException(path, "empty file");
        if (info.Length > maxBytes)
            throw new InputException(path, $"too large for one article ({info.Length / (1024 * 1024)} MiB; the limit is {maxBytes / (1024 * 1024)} MiB)");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e.Message, inner: e);
        }
        string text = TextDecoder.Decode(bytes, path, out _);
        return Parse(text, path);
    }

    public static ArticleInput Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        DateOnly? published = null;
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (published is null && Dateline.TryParseLine(line, out var d))
            {
                published = d;
                continue;
            }
            kept.Add(line);
        }
        int i = 0;
        while (i < kept.Count && string.IsNullOrWhiteSpace(kept[i])) i++;
        if (i >= kept.Count)
            throw new InputException(source, "no text: the file holds only white space" + (published is null ? "" : " and a dateline"));
        string title = kept[i].Trim();
        i++;
        string? subtitle = null;
        // A sub-title is a short paragraph of one line right after the title, with more text after it.
        int j = i;
        while (j < kept.Count && string.IsNullOrWhiteSpace(kept[j])) j++;
        if (j > i && j < kept.Count && kept[j].Trim().Length <= MaxSubtitleLength
            && (j + 1 >= kept.Count || string.IsNullOrWhiteSpace(kept[j + 1])))
        {
            int k = j + 1;
            while (k < kept.Count && string.IsNullOrWhiteSpace(kept[k])) k++;
            if (k < kept.Count)
            {
                subtitle = kept[j].Trim();
                i = k;
            }
        }
        while (i < kept.Count && string.IsNullOrWhiteSpace(kept[i])) i++;
        int end = kept.Count;
        while (end > i && string.IsNullOrWhiteSpace(kept[end - 1])) end--;
        string body = string.Join('\n', kept.Skip(i).Take(end - i).Select(l => l.TrimEnd()));
        return new ArticleInput { Title = title, Subtitle = subtitle, Body = body, Published = published, Source = source };
    }
}
