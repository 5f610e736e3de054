namespace Marsad.Extraction.Data;

/// <summary>The rows of the hand-written lexicon files: tab-separated, <c>#</c> comments and blank lines skipped.</summary>
public static class TsvRows
{
    /// <summary>Each row's 1-based line number and columns; a row with another column count than <paramref name="columns"/> is a <see cref="FormatException"/> naming <paramref name="file"/> and the line.</summary>
    public static IEnumerable<(int Line, string[] Cols)> Read(string tsv, string file, int columns)
    {
        int lineNo = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length != columns)
                throw new FormatException($"{file} line {lineNo}: expected {columns} tab-separated columns, got {cols.Length}");
            yield return (lineNo, cols);
        }
    }
}
