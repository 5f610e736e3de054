using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marsad.Store.Index;

/// <summary>
/// The entity keys of every document of one index reader, for counting the entity facet: keys
/// numbered 0..n-1 in ordinal string order across all segments, and per segment a compact
/// doc → key-numbers table (offsets + numbers). Built once per reader when the searcher is
/// opened (<see cref="SearchIndex"/>'s searcher factory), so a search only adds up small ints:
/// no terms are looked up, no strings made, until the top keys are known.
/// </summary>
internal sealed class EntityOrdinals
{
    public static readonly EntityOrdinals Empty = new([], []);

    /// <summary>Entity keys by number, in <see cref="StringComparer.Ordinal"/> order (so a lower number wins a tie as the lower key).</summary>
    public string[] Keys { get; }

    /// <summary>Per segment (by <see cref="AtomicReaderContext.Ord"/>): the key numbers of a document are <c>Ids[Start[doc]..Start[doc + 1]]</c>.</summary>
    public Segment[] Segments { get; }

    internal sealed record Segment(int[] Start, int[] Ids);

    private EntityOrdinals(string[] keys, Segment[] segments)
    {
        Keys = keys;
        Segments = segments;
    }

    public static EntityOrdinals Build(IndexReader reader, string field)
    {
        var leaves = reader.Leaves;
        // Pass 1: the distinct keys of all segments, numbered in ordinal order.
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field);
            if (terms is null) continue;
            var te = terms.GetEnumerator();
            while (te.MoveNext()) all.Add(te.Term.Utf8ToString());
        }
        if (all.Count == 0) return new EntityOrdinals([], leaves.Select(l => new Segment(new int[l.AtomicReader.MaxDoc + 1], [])).ToArray());
        var keys = all.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var number = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++) number[keys[i]] = i;

        // Pass 2: per segment, postings → (doc, key) pairs → a table ordered by doc.
        var segments = new Segment[leaves.Count];
        foreach (var leaf in leaves)
        {
            var r = leaf.AtomicReader;
            int maxDoc = r.MaxDoc;
            var start = new int[maxDoc + 1];
            var docs = new List<int>();
            var ids = new List<int>();
            var terms = r.GetTerms(field);
            if (terms is not null)
            {
                var te = terms.GetEnumerator();
                DocsEnum? de = null;
                while (te.MoveNext())
                {
                    int id = number[te.Term.Utf8ToString()];
                    de = te.Docs(r.LiveDocs, de, DocsFlags.NONE);
                    int d;
                    while ((d = de.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        docs.Add(d);
                        ids.Add(id);
                        start[d + 1]++;
                    }
                }
            }
            for (int d = 0; d < maxDoc; d++) start[d + 1] += start[d];
            var table = new int[ids.Count];
            var fill = new int[maxDoc];
            for (int i = 0; i < docs.Count; i++)
            {
                int d = docs[i];
                table[start[d] + fill[d]++] = ids[i];
            }
            segments[leaf.Ord] = new Segment(start, table);
        }
        return new EntityOrdinals(keys, segments);
    }
}

/// <summary>An <see cref="IndexSearcher"/> that carries its reader's <see cref="EntityOrdinals"/>.</summary>
internal sealed class MarsadSearcher(IndexReader reader, EntityOrdinals entities) : IndexSearcher(reader)
{
    public EntityOrdinals Entities { get; } = entities;
}
