namespace Marsad.Extraction.Clusters;

/// <summary>
/// Writes a cluster file: UTF-8 TSV without a header, <c>#</c> comment lines first, then one
/// <c>STEM&lt;TAB&gt;PATH&lt;TAB&gt;COUNT</c> row per vocabulary word, sorted by path (ordinal), then count
/// (descending), then stem (ordinal), so the bytes depend only on the clustering.
/// </summary>
public static class ClusterFile
{
    public static void Write(TextWriter output, ClusterCorpus corpus, BrownResult result, IEnumerable<string> comments) =>
        Write(output, corpus, result.Paths, comments);

    /// <summary>Writes one row per vocabulary word of <paramref name="corpus"/> with its path in <paramref name="paths"/>.</summary>
    public static void Write(TextWriter output, ClusterCorpus corpus, string[] paths, IEnumerable<string> comments)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length != corpus.Words.Length) throw new ArgumentException("one path per vocabulary word", nameof(paths));
        foreach (var comment in comments)
            foreach (var line in comment.Split('\n'))
                output.Write($"# {line.TrimEnd('\r')}\n");
        var order = new int[corpus.Words.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            int c = string.CompareOrdinal(paths[x], paths[y]);
            if (c != 0) return c;
            c = corpus.Counts[y].CompareTo(corpus.Counts[x]);
            return c != 0 ? c : string.CompareOrdinal(corpus.Words[x], corpus.Words[y]);
        });
        foreach (int w in order)
        {
            output.Write(corpus.Words[w]);
            output.Write('\t');
            output.Write(paths[w]);
            output.Write('\t');
            output.Write(corpus.Counts[w].ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.Write('\n');
        }
    }
}
