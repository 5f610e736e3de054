using CsvHelper;

namespace Marsad.Ingest;

/// <summary>
/// Reads CSV article exports (Media Cloud, GDELT, a spreadsheet): a header row, one article per row,
/// columns named as <see cref="JsonLinesFields"/> says (the same <c>--field name=column</c> mapping as
/// JSON Lines; the separator — comma, semicolon or tab — is detected). A row without text is an error
/// item with its line number; a file without the title or body column is one error naming the columns.
/// </summary>
public static class CsvArticleReader
{
    public static IEnumerable<IngestItem> ReadFile(string path, ReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [IngestItem.Failed(new InputException(path, e is FileNotFoundException ? "no such file" : e.Message, inner: e))];
        }
        return Read(fs, path, options, cancellationToken);
    }

    /// <summary>Reads a stream (disposed at the end).</summary>
    public static IEnumerable<IngestItem> Read(Stream stream, string name, ReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ReaderOptions.Default;
        var f = options.Fields;
        using var csv = CsvReader.Create(stream, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            MaxRecordSize = options.MaxLineBytes,
            IncludeValuesInExceptions = false,
        }, false);
        // Slots as JsonLinesReader.Article reads them: id, url, outlet, category, title, subtitle, published, author, body.
        string[] columns = [f.Id, f.Url, f.Outlet, f.Category, f.Title, f.Subtitle, f.Published, f.Author, f.Body];
        var index = new int[columns.Length];
        InputException? bad = null;
        try
        {
            csv.ReadHeader();
            if (csv.Headers is not { Count: > 0 }) bad = new InputException(name, "empty file");
            else
            {
                for (int i = 0; i < columns.Length; i++) index[i] = csv.TryGetFieldIndex(columns[i], out int at) ? at : -1;
                if (index[4] < 0 && index[8] < 0)
                    bad = new InputException(name, $"no '{f.Title}' or '{f.Body}' column in the CSV header (map yours with --field title=COLUMN --field body=COLUMN)");
            }
        }
        catch (CsvFormatException e)
        {
            bad = new InputException(name, $"not a CSV file: {e.Message}", inner: e);
        }
        if (bad is not null)
        {
            yield return IngestItem.Failed(bad);
            yield break;
        }
        bool anyRow = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IngestItem item;
            try
            {
                if (!csv.Read()) break;
                var v = new string?[columns.Length];
                for (int i = 0; i < columns.Length; i++) v[i] = index[i] >= 0 ? csv.GetStringOrNull(index[i]) : null;
                item = JsonLinesReader.Article(v, name, csv.LineNumber, f);
            }
            catch (CsvFormatException e)
            {
                item = IngestItem.Failed(new InputException(name, $"bad CSV record: {e.Message}", csv.LineNumber, e));
            }
            anyRow = true;
            yield return item;
        }
        // A header alone is no archive: say so, as for an empty JSON Lines file.
        if (!anyRow) yield return IngestItem.Failed(new InputException(name, "no rows after the CSV header"));
    }
}
