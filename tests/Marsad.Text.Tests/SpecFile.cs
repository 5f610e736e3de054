namespace Marsad.Text.Tests;

/// <summary>Reads a tab-separated spec file from Specs/ (comment lines start with #) into test rows.</summary>
internal static class SpecFile
{
    public static TheoryData<string, string> Pairs(string name)
    {
        var data = new TheoryData<string, string>();
        foreach (var cells in Rows(name, 2)) data.Add(cells[0], cells[1]);
        return data;
    }

    public static TheoryData<string, string, string> Triples(string name)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var cells in Rows(name, 3)) data.Add(cells[0], cells[1], cells[2]);
        return data;
    }

    public static IEnumerable<string[]> Rows(string name, int columns)
    {
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Specs", name)))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < columns) throw new FormatException($"{name}: expected {columns} tab-separated cells in '{line}'");
            yield return cells;
        }
    }
}
