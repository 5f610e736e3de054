using CsvHelper;

namespace Marsad.Store.Export;

/// <summary>
/// CSV output through CsvHelper (RFC 4180 quoting), set up once for every CSV Marsad writes: text that
/// a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
/// leading apostrophe — CsvHelper applies that guard to text fields only, so numbers written as
/// numbers (invariant culture) stay numbers: -7.58 reads as a number in pandas, R and Excel.
/// </summary>
public static class CsvCells
{
    /// <summary>A CsvHelper writer on <paramref name="writer"/>: \n line ends, quoting only when needed, the formula guard on text.</summary>
    public static CsvWriter Writer(TextWriter writer, bool bom = false)
    {
        // U+FEFF first is the UTF-8 byte order mark Excel needs to read the file as UTF-8 (CsvHelper writes it only to streams).
        if (bom) writer.Write('\uFEFF');
        return CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.Escape }, true);
    }

    public static void WriteText(this CsvWriter csv, string? s) => csv.WriteField(s ?? "");

    /// <summary>A whole number, or an empty cell when there is none.</summary>
    public static void WriteNumber(this CsvWriter csv, long? n) => csv.WriteField(n, default);

    /// <summary>A coordinate or other decimal, rounded to <paramref name="decimals"/> digits after the point; empty when there is none.</summary>
    public static void WriteNumber(this CsvWriter csv, double? d, int decimals = 4) => csv.WriteField(d is { } v ? Math.Round(v, decimals) : (double?)null, default);

    /// <summary>A header row.</summary>
    public static void WriteHeader(this CsvWriter csv, IEnumerable<string> columns)
    {
        foreach (var c in columns) csv.WriteField(c);
        csv.EndRecord();
    }
}
