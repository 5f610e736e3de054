using System.Globalization;
using Marsad.Store.Index;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresArchive
{
    /// <summary>What <see cref="Check"/> found: no problems means the archive is whole.</summary>
    public sealed record CheckReport(long Documents, IReadOnlyList<string> Problems)
    {
        public bool Ok => Problems.Count == 0;
    }

    // Each check counts the documents that break one rule and names up to three of them. Set-based: a
    // layer's rows are counted per document in one pass (GROUP BY) and joined, never counted again
    // for each document (lsh_bands has no index on doc_seq alone: a per-document count scanned it 30,035 times).
    private static string Counted(string table, string alias) =>
        $"LEFT JOIN (SELECT doc_seq, count(*) AS n FROM {table} GROUP BY doc_seq) {alias} ON {alias}.doc_seq = d.seq";

    private static readonly (string Problem, string Joins, string Sql)[] Checks =
    [
        ("the stored analysis is of another document", "", "d.analysis->'document'->>'id' IS DISTINCT FROM d.id"),
        ("mentions differ from the stored analysis", Counted("mentions", "m"), """
            coalesce(m.n, 0) <>
            (SELECT coalesce(sum(jsonb_array_length(coalesce(e->'mentions', '[]'))), 0) FROM jsonb_array_elements(coalesce(d.analysis->'entities', '[]')) e)
            """),
        ("entity keys missing for entities of the stored analysis", Counted("document_entities", "x"),
            "jsonb_array_length(coalesce(d.analysis->'entities', '[]')) > 0 AND x.n IS NULL"),
        ("events differ from the stored analysis", Counted("doc_events", "v"), "coalesce(v.n, 0) <> jsonb_array_length(coalesce(d.analysis->'events', '[]'))"),
        ("times differ from the stored analysis", Counted("times", "t"), "coalesce(t.n, 0) <> jsonb_array_length(coalesce(d.analysis->'times', '[]'))"),
        ("search terms missing", "", "length(d.terms) = 0 AND d.text ~ '[[:alpha:]]{2}'"),
        ("search terms made by another analyzer", "", "d.analyzer <> $1"),
        ("story cluster without its first document", "LEFT JOIN documents f ON f.id = d.cluster_id AND f.cluster_id = d.cluster_id",
            "d.cluster_id IS NOT NULL AND f.seq IS NULL"),
        ("signed but not in the band table", Counted("lsh_bands", "b"), "d.minhash IS NOT NULL AND coalesce(b.n, 0) <> 16"),
        ("asserted events with a day in no merged event", """
            LEFT JOIN (SELECT v.doc_seq, count(*) AS n FROM doc_events v
                       WHERE v.modality = 'asserted' AND v.day IS NOT NULL
                         AND NOT EXISTS (SELECT 1 FROM merged_event_sources s WHERE s.doc_seq = v.doc_seq AND s.local_id = v.local_id)
                       GROUP BY v.doc_seq) u ON u.doc_seq = d.seq
            """, "u.n IS NOT NULL AND EXISTS (SELECT 1 FROM meta WHERE key = 'merged_events')"),
        ("merged event reports that are not asserted events with a day", """
            LEFT JOIN (SELECT s.doc_seq, count(*) AS n FROM merged_event_sources s JOIN doc_events v ON v.doc_seq = s.doc_seq AND v.local_id = s.local_id
                       WHERE v.modality <> 'asserted' OR v.day IS NULL GROUP BY s.doc_seq) w ON w.doc_seq = d.seq
            """, "w.n IS NOT NULL"),
    ];

    // Rules over the merged events themselves: each counts the events that break it and names up to three.
    private static readonly (string Problem, string Sql)[] EventChecks =
    [
        ("merged events whose report count differs from their sources", "e.reports <> (SELECT count(*) FROM merged_event_sources s WHERE s.event_id = e.id)"),
        ("merged events whose document count differs from their sources",
            "e.sources <> (SELECT count(DISTINCT s.doc_seq) FROM merged_event_sources s WHERE s.event_id = e.id)"),
        ("merged events with a report of another type", """
            EXISTS (SELECT 1 FROM merged_event_sources s JOIN doc_events v ON v.doc_seq = s.doc_seq AND v.local_id = s.local_id
                    WHERE s.event_id = e.id AND v.type <> e.type)
            """),
        ("merged events whose first or last day is not their reports'", """
            NOT EXISTS (SELECT 1 FROM (SELECT min(v.day) AS lo, max(v.day) AS hi FROM merged_event_sources s
                JOIN doc_events v ON v.doc_seq = s.doc_seq AND v.local_id = s.local_id WHERE s.event_id = e.id) x
                WHERE x.lo = e.date AND x.hi = e.last_date)
            """),
    ];

    private bool MergedEventsBuilt()
    {
        using var cmd = _db.CreateCommand("SELECT value FROM meta WHERE key = 'merged_events'");
        return cmd.ExecuteScalar() as string == MergeStamp;
    }

    /// <summary>
    /// Verifies that documents, their layers (mentions, entity keys, times, events) and their search
    /// terms agree with the stored analysis, that story clusters and the band table are whole, and that
    /// the merged events are those the stored event reports merge into.
    /// </summary>
    public CheckReport Check()
    {
        var problems = new List<string>();
        foreach (var (problem, joins, rule) in Checks)
        {
            using var cmd = _db.CreateCommand($"SELECT count(*), (array_agg(d.id ORDER BY d.seq))[1:3] FROM documents d {joins} WHERE {rule}");
            cmd.Parameters.AddWithValue(AnalyzerFactory.Signature);
            using var r = cmd.ExecuteReader();
            r.Read();
            long n = r.GetInt64(0);
            if (n > 0)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{n} document(s): {problem} (e.g. {string.Join(", ", r.GetFieldValue<string[]>(1))})"));
        }
        foreach (var (problem, rule) in EventChecks)
        {
            using var cmd = _db.CreateCommand($"SELECT count(*), (array_agg(e.id ORDER BY e.id))[1:3] FROM merged_events e WHERE {rule}");
            using var r = cmd.ExecuteReader();
            r.Read();
            long n = r.GetInt64(0);
            if (n > 0)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {problem} (e.g. {string.Join(", ", r.GetFieldValue<string[]>(1))})"));
        }
        // The stored merge is the merge of the stored reports (the embedded archive's rule, made again in memory).
        if (MergedEventsBuilt()) problems.AddRange(CompareWithFreshMerge());
        else if (Scalar<long>("SELECT count(*) FROM doc_events WHERE modality = 'asserted'") > 0)
            problems.Add("the merged events were never built for these documents (the next `marsad ingest --store …` builds them)");
        return new CheckReport(Count, problems);
    }
}
