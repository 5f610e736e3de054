using Marsad.Extraction.Events;

namespace Marsad.Extraction.Data;

/// <summary>
/// Named closed-class word lists from one embedded TSV file (rows «list TAB words»; a list may take
/// several rows). The code takes each list by name once; <see cref="EnsureAllTaken"/> then makes a
/// list that no code reads (a typo in the file) an error naming the file and the line.
/// </summary>
internal sealed class WordLists
{
    private readonly string _file;
    private readonly Dictionary<string, (int Line, List<string> Words)> _lists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    private WordLists(string file) => _file = file;

    /// <summary>Reads the resource Data/<paramref name="path"/> (e.g. <c>events/words.tsv</c>).</summary>
    public static WordLists LoadEmbedded(string path) => Parse(EmbeddedData.Read(path), "Data/" + path);

    public static WordLists Parse(string tsv, string file)
    {
        var lists = new WordLists(file);
        foreach (var (line, cols) in TsvRows.Read(tsv, file, 2))
        {
            var words = cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols[0].Length == 0 || words.Length == 0)
                throw new FormatException($"{file} line {line}: expected a list name and at least one word");
            if (!lists._lists.TryGetValue(cols[0], out var entry)) lists._lists[cols[0]] = entry = (line, []);
            entry.Words.AddRange(words);
        }
        return lists;
    }

    /// <summary>The words of list <paramref name="name"/>; a list missing from the file is an error.</summary>
    public IReadOnlyList<string> Words(string name)
    {
        if (!_lists.TryGetValue(name, out var entry))
            throw new FormatException($"{_file}: list '{name}' is missing");
        _taken.Add(name);
        return entry.Words;
    }

    /// <summary>The list as a <see cref="WordSet"/> (one bit of the per-token flags).</summary>
    public WordSet Take(string name) => new(Words(name));

    public void EnsureAllTaken()
    {
        foreach (var (name, (line, _)) in _lists)
            if (!_taken.Contains(name))
                throw new FormatException($"{_file} line {line}: list '{name}' is read by no code");
    }
}
