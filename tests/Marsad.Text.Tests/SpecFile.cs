namespace Marsad.Text.Tests;

/// <summary>Reads a tab-separated spec file from Specs/ (comment lines start with #) into test rows.</summary>
internal static class SpecFile
{
    public static TheoryData<string, string> Pairs(string name)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Specs", name)))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < 2) throw new FormatException($"{name}: expected two tab-separated cells in '{line}'");
            data.Add(cells[0], cells[1]);
        }
        return data;
    }
}
