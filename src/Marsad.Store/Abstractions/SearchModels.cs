namespace Marsad.Store;

/// <summary>What <see cref="ISearchStore.Search"/> is asked.</summary>
public sealed record SearchRequest
{
    /// <summary>Lucene query syntax: words (all required by default), "phrases", AND OR NOT, -word, title:word. Empty: all documents, newest first.</summary>
    public string Query { get; init; } = "";
    /// <summary>Published on or after (null: no bound).</summary>
    public DateOnly? From { get; init; }
    /// <summary>Published on or before (null: no bound).</summary>
    public DateOnly? To { get; init; }
    /// <summary>Outlet filter (case-insensitive).</summary>
    public string? Source { get; init; }
    public string? Category { get; init; }
    /// <summary>Only documents mentioning this entity key (e.g. iso3166:MA).</summary>
    public string? Entity { get; init; }
    /// <summary>Only documents with an event of this PLOVER type.</summary>
    public string? EventType { get; init; }
    public int Limit { get; init; } = 10;
    public int Offset { get; init; }
    /// <summary>Newest first (then by relevance) instead of by relevance; an empty query is always newest first.</summary>
    public bool SortByDate { get; init; }
    /// <summary>About this many characters of snippet text per hit.</summary>
    public int SnippetLength { get; init; } = 180;
    public bool Facets { get; init; } = true;
    /// <summary>Facet values listed per field (most frequent first; months newest first).</summary>
    public int FacetLimit { get; init; } = 20;
    /// <summary>Wall-clock budget; past it the search stops with <see cref="Index.SearchTimeoutException"/>. Default <see cref="Index.QueryLimits.DefaultBudget"/>.</summary>
    public TimeSpan? TimeBudget { get; init; }
}

/// <summary>A matched word of a snippet: <see cref="Start"/> and <see cref="Length"/> in UTF-16 units of <see cref="Snippet.Text"/>.</summary>
public readonly record struct Highlight(int Start, int Length);

/// <summary>
/// The best passages of a hit in the original spelling (plain text on one line, passages joined by " … "),
/// with the matched words as offsets: in order, not overlapping, inside <see cref="Text"/>.
/// </summary>
public sealed record Snippet(string Text, IReadOnlyList<Highlight> Highlights)
{
    public static readonly Snippet Empty = new("", []);

    /// <summary>The text with <paramref name="pre"/> and <paramref name="post"/> around each highlight; HTML-escaped when <paramref name="htmlEscape"/> (markers are not escaped).</summary>
    public string Render(string pre, string post, bool htmlEscape = false)
    {
        var sb = new System.Text.StringBuilder(Text.Length + Highlights.Count * (pre.Length + post.Length));
        int pos = 0;
        foreach (var h in Highlights)
        {
            Append(sb, Text.AsSpan(pos, h.Start - pos), htmlEscape);
            sb.Append(pre);
            Append(sb, Text.AsSpan(h.Start, h.Length), htmlEscape);
            sb.Append(post);
            pos = h.Start + h.Length;
        }
        Append(sb, Text.AsSpan(pos), htmlEscape);
        return sb.ToString();
    }

    /// <summary>The pieces between highlights in order, each with whether it is a match.</summary>
    public IEnumerable<(string Text, bool Match)> Segments()
    {
        int pos = 0;
        foreach (var h in Highlights)
        {
            if (h.Start > pos) yield return (Text[pos..h.Start], false);
            if (h.Length > 0) yield return (Text.Substring(h.Start, h.Length), true);
            pos = h.Start + h.Length;
        }
        if (pos < Text.Length) yield return (Text[pos..], false);
    }

    /// <summary>Escapes only &amp; &lt; &gt; &quot; &#39; (an entity for every Arabic letter would be unreadable).</summary>
    private static void Append(System.Text.StringBuilder sb, ReadOnlySpan<char> s, bool escape)
    {
        if (!escape) { sb.Append(s); return; }
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }
}

public sealed record SearchHit(
    string Id,
    string Title,
    Snippet Snippet,
    DateOnly? Published,
    string? Source,
    string? Outlet,
    string? Category,
    string? Url,
    string? ClusterId,
    float Score);

/// <summary>A facet value and the matching documents that have it; <see cref="Label"/> names it where the value is a key (entities).</summary>
public sealed record FacetCount(string Value, int Count)
{
    public string? Label { get; init; }
}

/// <summary>Facets over every match of a search: sources, categories and entities most documents first (ties by value); months newest first.</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetCount> Sources,
    IReadOnlyList<FacetCount> Months,
    IReadOnlyList<FacetCount> Categories,
    IReadOnlyList<FacetCount> Entities)
{
    public static readonly SearchFacets Empty = new([], [], [], []);
}

public sealed record SearchResults(string Query, int Total, IReadOnlyList<SearchHit> Hits, SearchFacets Facets, double ElapsedMs)
{
    /// <summary>
    /// The search index did not yet hold the archive's newest documents (another process's index commit was
    /// still coming): the answer may lack them, so it must not be cached under the archive's current stamp.
    /// </summary>
    public bool IndexBehind { get; init; }
}
