namespace Marsad.Extraction.Tests;

/// <summary>Reads the tab-separated spec files (one case per line, '#' for comments) copied next to the tests.</summary>
internal static class SpecFile
{
    public static IEnumerable<string[]> Rows(string relativePath, int columns)
    {
        string path = Path.Combine(AppContext.BaseDirectory, relativePath);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length != columns)
                throw new InvalidDataException($"{relativePath}: expected {columns} tab-separated columns in: {line}");
            yield return cells;
        }
    }

    /// <summary>"&lt;empty&gt;" stands for an empty text in the files.</summary>
    public static string Text(string cell) => cell == "<empty>" ? "" : cell;

    /// <summary>The expected items of a case: "-" for none, else items joined by " ; ".</summary>
    public static List<string> Items(string cell) =>
        cell == "-" ? [] : [.. cell.Split(" ; ", StringSplitOptions.TrimEntries)];
}
