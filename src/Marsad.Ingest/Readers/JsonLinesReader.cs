using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Marsad.Analysis;

namespace Marsad.Ingest;

/// <summary>
/// Field names of a JSON Lines archive. The defaults read the ANT multi-source corpus as it is
/// (<c>docno, url, src, cat, title, time, author, abstract, text</c>).
/// </summary>
public sealed record JsonLinesFields
{
    public static JsonLinesFields Default { get; } = new();

    public string Id { get; init; } = "docno";
    public string Url { get; init; } = "url";
    public string Outlet { get; init; } = "src";
    public string Category { get; init; } = "cat";
    public string Title { get; init; } = "title";
    public string Subtitle { get; init; } = "abstract";
    public string Published { get; init; } = "time";
    public string Author { get; init; } = "author";
    public string Body { get; init; } = "text";

    /// <summary>Applies <c>name=field</c> overrides, e.g. <c>body=content</c>, <c>published=date</c>.</summary>
    public JsonLinesFields With(IEnumerable<string> overrides)
    {
        var f = this;
        foreach (var o in overrides)
        {
            int eq = o.IndexOf('=');
            if (eq <= 0 || eq == o.Length - 1) throw new ArgumentException($"a field mapping looks like name=field, not '{o}'");
            string key = o[..eq].Trim().ToLowerInvariant(), value = o[(eq + 1)..].Trim();
            f = key switch
            {
                "id" => f with { Id = value },
                "url" => f with { Url = value },
                "outlet" or "source" or "src" => f with { Outlet = value },
                "category" or "cat" => f with { Category = value },
                "title" => f with { Title = value },
                "subtitle" or "abstract" => f with { Subtitle = value },
                "published" or "date" or "time" => f with { Published = value },
                "author" => f with { Author = value },
                "body" or "text" => f with { Body = value },
                _ => throw new ArgumentException($"unknown field '{key}' (id, url, outlet, category, title, subtitle, published, author, body)"),
            };
        }
        return f;
    }
}

/// <summary>
/// Reads JSON Lines archives, plain or gzip (detected by its magic bytes, decompressed while
/// reading). Lines are parsed straight from UTF-8 bytes; an invalid line yields an error item with
/// its line number and reading goes on. A truncated gzip stream is detected from its trailer
/// (length and CRC-32 of what was read) and reported after the lines that could be read.
/// </summary>
public static class JsonLinesReader
{
    public static IEnumerable<IngestItem> ReadFile(string path, ReaderOptions? options = null, ReadProgress? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= ReaderOptions.Default;
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [IngestItem.Failed(new InputException(path, e is FileNotFoundException ? "no such file" : e.Message, inner: e))];
        }
        return ReadStream(fs, path, options, progress, progress?.BytesDone ?? 0, cancellationToken);
    }

    /// <summary>Reads a stream (disposed at the end). Gzip is detected from the first bytes.</summary>
    public static IEnumerable<IngestItem> Read(Stream stream, string name, ReaderOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadStream(stream, name, options ?? ReaderOptions.Default, null, 0, cancellationToken);

    private static IEnumerable<IngestItem> ReadStream(Stream raw, string name, ReaderOptions options, ReadProgress? progress, long progressBase, CancellationToken ct)
    {
        using var owned = raw;
        Stream input = raw;
        bool gzip = false;
        if (raw.CanSeek && raw.Length == 0)
        {
            yield return IngestItem.Failed(new InputException(name, "empty file"));
            yield break;
        }
        if (raw.CanSeek && raw.Length >= 2)
        {
            int b0 = raw.ReadByte(), b1 = raw.ReadByte();
            raw.Position = 0;
            gzip = b0 == 0x1F && b1 == 0x8B;
        }
        GZipStream? gz = gzip ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : null;
        if (gz is not null) input = gz;
        var crc = gzip ? new Crc32() : null;
        long decompressed = 0;
        var fields = new FieldNames(options.Fields);
        int maxLine = options.MaxLineBytes;
        static string FormatLimit(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
        byte[] buf = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int start = 0, end = 0;
            long lineNo = 0;
            bool skipping = false, eof = false;
            InputException? readError = null;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                int nl = buf.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (nl < 0 && !eof)
                {
                    if (end - start > maxLine && !skipping)
                    {
                        // Over-long line: report it once and drop bytes until its end.
                        yield return IngestItem.Failed(new InputException(name, $"line longer than {FormatLimit(maxLine)}, skipped", lineNo + 1));
                        skipping = true;
                    }
                    if (skipping) { start = end = 0; }
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buf, start, buf, 0, end - start);
                        end -= start; start = 0;
                    }
                    if (end == buf.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buf.Length * 2);
                        Buffer.BlockCopy(buf, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buf);
                        buf = bigger;
                    }
                    int n;
                    try { n = input.Read(buf, end, buf.Length - end); }
                    catch (Exception e) when (e is InvalidDataException or IOException)
                    {
                        readError = new InputException(name, $"corrupt or truncated {(gzip ? "gzip " : "")}data after line {lineNo}: {e.Message}", inner: e);
                        n = 0;
                    }
                    if (n == 0) { eof = true; continue; }
                    crc?.Append(buf.AsSpan(end, n));
                    decompressed += n;
                    end += n;
                    if (progress is not null && raw.CanSeek) progress.Set(progressBase, raw.Position);
                    continue;
                }
                ReadOnlySpan<byte> line;
                if (nl >= 0) { line = buf.AsSpan(start, nl); start += nl + 1; }
                else { line = buf.AsSpan(start, end - start); start = end; }
                lineNo++;
                if (skipping) { skipping = false; }
                else if (line.Length > maxLine)
                    yield return IngestItem.Failed(new InputException(name, $"line longer than {FormatLimit(maxLine)}, skipped", lineNo));
                else
                {
                    var item = ParseLine(line, name, lineNo, fields);
                    if (item is not null) yield return item;
                }
                if (nl < 0) break; // that was the last (unterminated) line
                if (eof && start >= end) break;
            }
            if (readError is not null) yield return IngestItem.Failed(readError);
            else if (gzip && raw.CanSeek && TrailerMismatch(raw, crc!, decompressed))
                yield return IngestItem.Failed(new InputException(name, $"truncated or corrupt gzip: the stream ends early (the {lineNo} lines read so far were kept)"));
            progress?.Set(progressBase, raw.CanSeek ? raw.Length : 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
            gz?.Dispose();
        }
    }

    /// <summary>
    /// The gzip trailer holds CRC-32 and length (mod 2^32) of the uncompressed data. A cut file
    /// decompresses silently up to the cut, so compare. In a file of several members (cat a.gz b.gz)
    /// the trailer covers only the last member: then the last member is found and checked alone.
    /// </summary>
    private static bool TrailerMismatch(Stream raw, Crc32 crc, long decompressed)
    {
        if (raw.Length < 18) return true;
        Span<byte> trailer = stackalloc byte[8];
        raw.Seek(-8, SeekOrigin.End);
        raw.ReadExactly(trailer);
        uint expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (expectedSize == (uint)decompressed && expectedCrc == crc.GetCurrentHashAsUInt32()) return false;
        return !LastMemberIsWhole(raw, expectedCrc, expectedSize);
    }

    /// <summary>
    /// Looks for the start of a later gzip member (1F 8B 08 and a flags byte without reserved bits), from the
    /// end backwards, and checks that the member running from there to the end decompresses to the trailer's
    /// CRC and length. Only reached when the whole-file check failed, so it costs nothing on single-member files.
    /// </summary>
    private static bool LastMemberIsWhole(Stream raw, uint expectedCrc, uint expectedSize)
    {
        const int MaxCandidates = 64;
        var buf = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int tried = 0;
            long end = raw.Length;
            while (end > 18 && tried < MaxCandidates)
            {
                long start = Math.Max(1, end - buf.Length);
                raw.Seek(start, SeekOrigin.Begin);
                int n = (int)(end - start);
                raw.ReadExactly(buf, 0, n);
                for (int k = n - 4; k >= 0 && tried < MaxCandidates; k--)
                {
                    if (buf[k] != 0x1F || buf[k + 1] != 0x8B || buf[k + 2] != 0x08 || (buf[k + 3] & 0xE0) != 0) continue;
                    tried++;
                    if (MemberMatches(raw, start + k, expectedCrc, expectedSize)) return true;
                    raw.Seek(start, SeekOrigin.Begin); // MemberMatches moved the stream
                }
                if (start == 1) break;
                end = start + 3; // overlap so a header across the chunk border is seen
            }
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static bool MemberMatches(Stream raw, long offset, uint expectedCrc, uint expectedSize)
    {
        raw.Seek(offset, SeekOrigin.Begin);
        var crc = new Crc32();
        long size = 0;
        var buf = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var gz = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
            int n;
            while ((n = gz.Read(buf, 0, buf.Length)) > 0)
            {
                crc.Append(buf.AsSpan(0, n));
                size += n;
            }
            return (uint)size == expectedSize && crc.GetCurrentHashAsUInt32() == expectedCrc;
        }
        catch (InvalidDataException)
        {
            return false; // not a member start after all
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private sealed class FieldNames(JsonLinesFields f)
    {
        public readonly byte[] Id = Encoding.UTF8.GetBytes(f.Id), Url = Encoding.UTF8.GetBytes(f.Url),
            Outlet = Encoding.UTF8.GetBytes(f.Outlet), Category = Encoding.UTF8.GetBytes(f.Category),
            Title = Encoding.UTF8.GetBytes(f.Title), Subtitle = Encoding.UTF8.GetBytes(f.Subtitle),
            Published = Encoding.UTF8.GetBytes(f.Published), Author = Encoding.UTF8.GetBytes(f.Author),
            Body = Encoding.UTF8.GetBytes(f.Body);
        public readonly JsonLinesFields Names = f;
    }

    /// <summary>
    /// A string value. A lone surrogate escape (<c>\ud800</c>) is valid JSON but not text: GetString
    /// refuses it, so the value is unescaped here with each unpaired surrogate as U+FFFD.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try { return reader.GetString()!; }
        catch (InvalidOperationException) { return UnescapeRepairing(Encoding.UTF8.GetString(reader.ValueSpan)); }
    }

    internal static string UnescapeRepairing(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length) { sb.Append(c); continue; }
            char e = raw[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < raw.Length && ushort.TryParse(raw.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var u):
                    sb.Append((char)u);
                    i += 4;
                    break;
                default: sb.Append(e); break; // \" \\ \/
            }
        }
        for (int i = 0; i < sb.Length; i++)
        {
            if (char.IsHighSurrogate(sb[i]) && i + 1 < sb.Length && char.IsLowSurrogate(sb[i + 1])) { i++; continue; }
            if (char.IsSurrogate(sb[i])) sb[i] = '\uFFFD';
        }
        return sb.ToString();
    }

    private static IngestItem? ParseLine(ReadOnlySpan<byte> line, string name, long lineNo, FieldNames f)
    {
        line = line.TrimEnd((byte)'\r');
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return null;
        if (lineNo == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) line = line[3..];
        // Slots: 0 id, 1 url, 2 outlet, 3 category, 4 title, 5 subtitle, 6 published, 7 author, 8 body.
        var v = new string?[9];
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return IngestItem.Failed(new InputException(name, "not a JSON object", lineNo));
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int slot = reader.ValueTextEquals(f.Body) ? 8 : reader.ValueTextEquals(f.Title) ? 4 : reader.ValueTextEquals(f.Id) ? 0
                    : reader.ValueTextEquals(f.Url) ? 1 : reader.ValueTextEquals(f.Outlet) ? 2 : reader.ValueTextEquals(f.Category) ? 3
                    : reader.ValueTextEquals(f.Subtitle) ? 5 : reader.ValueTextEquals(f.Published) ? 6 : reader.ValueTextEquals(f.Author) ? 7 : -1;
                if (!reader.Read()) break;
                if (slot < 0) { reader.Skip(); continue; }
                v[slot] = reader.TokenType switch
                {
                    JsonTokenType.String => ReadString(ref reader),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.Null => null,
                    JsonTokenType.True or JsonTokenType.False => reader.GetBoolean() ? "true" : "false",
                    _ => SkipValue(ref reader),
                };
            }
            // Reading on to the end validates the rest of the line (a cut line fails here).
            while (reader.Read()) { }
            if (reader.BytesConsumed < line.Length && line[(int)reader.BytesConsumed..].IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0)
                return IngestItem.Failed(new InputException(name, "text after the JSON object", lineNo));
        }
        catch (JsonException e)
        {
            return IngestItem.Failed(new InputException(name, $"invalid JSON (byte {e.BytePositionInLine}): {FirstSentence(e.Message)}", lineNo, e));
        }
        return Article(v, name, lineNo, f.Names);
    }

    /// <summary>
    /// The article of one record's values, in the slots 0 id, 1 url, 2 outlet, 3 category, 4 title,
    /// 5 subtitle, 6 published, 7 author, 8 body (JSON Lines and CSV alike); an error item when it has no text.
    /// </summary>
    internal static IngestItem Article(string?[] v, string name, long lineNo, JsonLinesFields names)
    {
        string? id = v[0], url = v[1], outlet = v[2], category = v[3], subtitle = v[5], published = v[6], author = v[7];
        string title = v[4]?.Trim() ?? "";
        string body = v[8]?.Trim() ?? "";
        if (body.Length == 0 && title.Length == 0)
            return IngestItem.Failed(new InputException(name, $"no text: the fields '{names.Title}' and '{names.Body}' are missing or empty", lineNo));
        subtitle = SubtitleUnlessPrefix(subtitle, body);
        DateOnly? date = PublishedDate.TryParse(published, out var d) ? d : null;
        string origin = $"{name}:{lineNo}";
        return IngestItem.Ok(new ArticleInput
        {
            Title = title,
            Subtitle = subtitle,
            Body = body,
            Published = date,
            Source = string.IsNullOrWhiteSpace(url) ? origin : url,
            Url = string.IsNullOrWhiteSpace(url) ? null : url,
            Outlet = Blank(outlet),
            Category = Blank(category),
            Author = Blank(author),
            ExternalId = Blank(id),
        }, origin);
    }

    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// Archives often carry an abstract that is just the start of the body (sometimes with its
    /// line breaks lost): not a sub-title then. Compared ignoring white space.
    /// </summary>
    internal static string? SubtitleUnlessPrefix(string? subtitle, string body)
    {
        if (string.IsNullOrWhiteSpace(subtitle)) return null;
        var s = subtitle.AsSpan().Trim().TrimEnd("….· ");
        if (s.Length == 0) return null;
        if (IsPrefixIgnoringSpace(s, body)) return null;
        string t = s.ToString();
        return t.Length > 1000 ? null : t;
    }

    private static bool IsPrefixIgnoringSpace(ReadOnlySpan<char> prefix, ReadOnlySpan<char> text)
    {
        int i = 0, j = 0;
        while (i < prefix.Length)
        {
            if (char.IsWhiteSpace(prefix[i])) { i++; continue; }
            while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
            if (j >= text.Length || text[j] != prefix[i]) return false;
            i++; j++;
        }
        return true;
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }
}
