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

    // Each check counts the documents that break one rule and names up to three of them.
    private static readonly (string Problem, string Sql)[] Checks =
    [
        ("the stored analysis is of another document", "d.analysis->'document'->>'id' IS DISTINCT FROM d.id"),
        ("mentions differ from the stored analysis", """
            (SELECT count(*) FROM mentions m WHERE m.doc_seq = d.seq) <>
            (SELECT coalesce(sum(jsonb_array_length(coalesce(e->'mentions', '[]'))), 0) FROM jsonb_array_elements(coalesce(d.analysis->'entities', '[]')) e)
            """),
        ("entity keys missing for entities of the stored analysis", """
            jsonb_array_length(coalesce(d.analysis->'entities', '[]')) > 0 AND NOT EXISTS (SELECT 1 FROM document_entities x WHERE x.doc_seq = d.seq)
            """),
        ("events differ from the stored analysis", "(SELECT count(*) FROM doc_events v WHERE v.doc_seq = d.seq) <> jsonb_array_length(coalesce(d.analysis->'events', '[]'))"),
        ("times differ from the stored analysis", "(SELECT count(*) FROM times t WHERE t.doc_seq = d.seq) <> jsonb_array_length(coalesce(d.analysis->'times', '[]'))"),
        ("search terms missing", "length(d.terms) = 0 AND d.text ~ '[[:alpha:]]{2}'"),
        ("search terms made by another analyzer", "d.analyzer <> $1"),
        ("story cluster without its first document", """
            d.cluster_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents f WHERE f.id = d.cluster_id AND f.cluster_id = d.cluster_id)
            """),
        ("signed but not in the band table", "d.minhash IS NOT NULL AND (SELECT count(*) FROM lsh_bands b WHERE b.doc_seq = d.seq) <> 16"),
        ("asserted events with a day in no merged event", """
            EXISTS (SELECT 1 FROM doc_events v WHERE v.doc_seq = d.seq AND v.modality = 'asserted' AND v.day IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM merged_event_sources s WHERE s.doc_seq = v.doc_seq AND s.local_id = v.local_id))
            AND EXISTS (SELECT 1 FROM meta WHERE key = 'merged_events')
            """),
        ("merged event reports that are not asserted events with a day", """
            EXISTS (SELECT 1 FROM merged_event_sources s JOIN doc_events v ON v.doc_seq = s.doc_seq AND v.local_id = s.local_id
                    WHERE s.doc_seq = d.seq AND (v.modality <> 'asserted' OR v.day IS NULL))
            """),
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
        foreach (var (problem, rule) in Checks)
        {
            using var cmd = _db.CreateCommand($"SELECT count(*), (array_agg(d.id ORDER BY d.seq))[1:3] FROM documents d WHERE {rule}");
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
