using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Marsad.Analysis;
using Marsad.Extraction;
using Marsad.Ingest;
using Marsad.Store.Duplicates;
using Marsad.Store.Index;
using Marsad.Store.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresArchive
{
    /// <summary>The advisory lock under which story clusters are assigned (held to the end of an ingest transaction).</summary>
    internal const long ClusterLock = 0x4D617273_61640002;

    /// <summary>The name, in <see cref="IngestSummary.StepTimes"/>, of the time the run's final settling of the merged events took.</summary>
    public const string SettleStep = "settle events";

    /// <summary>A document analysed for this store: the embedded archive's prepared document and its search terms.</summary>
    private sealed record Prepared(PreparedDocument Doc, string Terms);

    /// <summary>
    /// Stores the articles of <paramref name="items"/>, safe beside other writers on the same database:
    /// reads a batch (<see cref="IngestOptions.BatchSize"/> articles), skips ids stored already,
    /// analyses the rest on <see cref="IngestOptions.Workers"/> threads (the embedded archive's
    /// analysis step) and stores the batch in one transaction: each document once
    /// (<c>ON CONFLICT (id) DO NOTHING</c>, so another writer's copy wins and this one is counted a
    /// duplicate), its layers, and its story cluster under <see cref="ClusterLock"/>; then, under the
    /// same lock, the merged events its reports join or make (<see cref="MergeEvents"/>). At the end of
    /// the run, when it stored anything, the merged events are settled (<see cref="SettleEvents"/>).
    /// </summary>
    public IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options = null, IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default) => Ingest(items, options, progress, settle: true, cancellationToken);

    /// <summary><see cref="Ingest(IEnumerable{IngestItem}, IngestOptions?, IProgress{IngestProgress}?, CancellationToken)"/>, settling the merged events at the end only when <paramref name="settle"/> (a queue worker settles once, when the queue is empty).</summary>
    internal IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options, IProgress<IngestProgress>? progress, bool settle,
        CancellationToken cancellationToken)
    {
        options ??= new IngestOptions();
        var pipeline = options.Pipeline ?? MarsadPipeline.Default;
        var sw = Stopwatch.StartNew();
        var s = new RunCounters();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(IngestItem Item, ArticleInput Article, string Id)>(options.BatchSize);
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            s.Read++;
            if (item.Article is not { } a)
            {
                s.Reject(item.Origin, item.Error?.Problem ?? "unreadable", options);
                continue;
            }
            string id = StoreKeys.Document(a);
            if (!seen.Add(id)) { s.Duplicates++; continue; }
            batch.Add((item, a, id));
            if (batch.Count >= options.BatchSize)
            {
                StoreBatch(batch, pipeline, options, s, cancellationToken);
                batch.Clear();
                progress?.Report(new IngestProgress(s.Read, s.Stored, s.Duplicates, s.Rejected, 0, 0));
            }
        }
        if (batch.Count > 0) StoreBatch(batch, pipeline, options, s, cancellationToken);
        if (settle && s.Stored > 0)
        {
            long t = Stopwatch.GetTimestamp();
            SettleEvents();
            s.TSettle += Stopwatch.GetTimestamp() - t;
        }
        progress?.Report(new IngestProgress(s.Read, s.Stored, s.Duplicates, s.Rejected, 0, 0));
        return new IngestSummary
        {
            Read = s.Read,
            Stored = s.Stored,
            Duplicates = s.Duplicates,
            NearDuplicates = s.NearDuplicates,
            Clusters = s.Clusters.Count,
            RejectedCount = s.Rejected,
            Rejected = s.RejectedList,
            TextChars = s.TextChars,
            Elapsed = sw.Elapsed,
            ArchiveCount = Count,
            StepTimes = new Dictionary<string, TimeSpan>
            {
                ["analyse"] = Stopwatch.GetElapsedTime(0, s.TAnalyse),
                ["entities"] = Stopwatch.GetElapsedTime(0, s.TEntities),
                ["store"] = Stopwatch.GetElapsedTime(0, s.TStore),
                ["lock wait"] = Stopwatch.GetElapsedTime(0, s.TLockWait),
                ["clusters"] = Stopwatch.GetElapsedTime(0, s.TCluster),
                ["events"] = Stopwatch.GetElapsedTime(0, s.TEvents),
                [SettleStep] = Stopwatch.GetElapsedTime(0, s.TSettle),
            },
        };
    }

    /// <summary>Analyses and stores articles given directly (e.g. by the HTTP API).</summary>
    public IngestSummary Ingest(IEnumerable<ArticleInput> articles, IngestOptions? options = null, CancellationToken cancellationToken = default) =>
        Ingest(articles.Select((a, i) => IngestItem.Ok(a, a.Source ?? $"article {i + 1}")), options, null, cancellationToken);

    private sealed class RunCounters
    {
        public long Read, Stored, Duplicates, Rejected, NearDuplicates, TextChars, TAnalyse, TEntities, TStore, TLockWait, TCluster, TEvents, TSettle;
        public readonly List<RejectedInput> RejectedList = [];
        public readonly HashSet<string> Clusters = new(StringComparer.Ordinal);
        private readonly object _lock = new();

        public void Reject(string origin, string reason, IngestOptions o)
        {
            lock (_lock)
            {
                Rejected++;
                if (RejectedList.Count < o.MaxRejectedListed) RejectedList.Add(new RejectedInput(origin, reason));
            }
        }
    }

    private void StoreBatch(List<(IngestItem Item, ArticleInput Article, string Id)> batch, AnalysisPipeline pipeline, IngestOptions options, RunCounters s, CancellationToken ct)
    {
        // Ids stored already (by an earlier run or another writer) are not analysed again.
        var known = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = _db.CreateCommand("SELECT id FROM documents WHERE id = ANY($1)"))
        {
            cmd.Parameters.AddWithValue(batch.Select(b => b.Id).ToArray());
            using var r = cmd.ExecuteReader();
            while (r.Read()) known.Add(r.GetString(0));
        }
        var todo = batch.Where(b => !known.Contains(b.Id)).ToList();
        s.Duplicates += batch.Count - todo.Count;
        var prepared = new Prepared?[todo.Count];
        long t0 = Stopwatch.GetTimestamp();
        Parallel.For(0, todo.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Workers), CancellationToken = ct }, i =>
        {
            var (item, article, _) = todo[i];
            try
            {
                var p = MarsadArchive.Prepare(pipeline, article, item.Origin, ct);
                prepared[i] = new Prepared(p, SearchTerms.Build(_analyzer, p.Document.Title, p.Text[p.BodyStart..]));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                s.Reject(item.Origin, $"analysis failed: {e.Message}", options);
            }
        });
        long t1 = Stopwatch.GetTimestamp();
        s.TAnalyse += t1 - t0;
        if (prepared.All(p => p is null)) return;

        // Two writers inserting the same ids or entity keys in different orders can deadlock; PostgreSQL
        // then aborts one transaction, which stores its batch again (the other's documents now count as duplicates).
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                WriteBatch(prepared, s, t1);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
                Thread.Sleep(Random.Shared.Next(10, 50 * attempt));
            }
        }
    }

    private void WriteBatch(Prepared?[] prepared, RunCounters s, long t1)
    {
        using var c = _db.OpenConnection();
        // The batch's entity rows first, in their own short transaction and in key order. Entities are
        // shared by documents and never change once stored, so committing them before the documents
        // costs nothing if the batch fails (the next attempt finds them), and another writer inserting
        // the same new keys waits only for this insert, not for this batch's clusters and merge;
        // in key order, two writers take their row locks in the same order and never deadlock on them.
        using (var etx = c.BeginTransaction())
        {
            InsertEntities(c, etx, prepared);
            etx.Commit();
        }
        long te = Stopwatch.GetTimestamp();
        s.TEntities += te - t1;
        t1 = te;
        using var tx = c.BeginTransaction();
        // Counted only once the transaction commits (a retried batch would count twice).
        var stored = new List<(long Seq, Prepared P)>();
        var clusters = new List<string>();
        long duplicates = 0;
        foreach (var p in prepared)
        {
            if (p is null) continue;
            if (InsertDocument(c, tx, p) is { } seq) stored.Add((seq, p));
            else duplicates++; // stored meanwhile by another writer
        }
        long t2 = Stopwatch.GetTimestamp();
        s.TStore += t2 - t1;
        long t3 = t2;
        if (stored.Count > 0)
        {
            // Clusters last, under one lock to the commit: every writer sees the documents committed
            // before it, and those of its own batch, so a near-duplicate pair is never missed by two writers at once.
            Exec(c, tx, "SELECT pg_advisory_xact_lock($1)", ClusterLock);
            long locked = Stopwatch.GetTimestamp();
            s.TLockWait += locked - t2;
            t2 = locked;
            var touched = new HashSet<long>(stored.Select(x => x.Seq));
            foreach (var (seq, p) in stored)
            {
                if (p.Doc.MinHash is not { } sig) continue;
                if (AssignCluster(c, tx, seq, sig, touched) is { } cluster) clusters.Add(cluster);
            }
            t3 = Stopwatch.GetTimestamp();
            // Then the merged events, under the same lock: the new reports and those whose document got a cluster.
            MergeEvents(c, tx, touched);
            Exec(c, tx, "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'change_counter'");
        }
        tx.Commit();
        s.Duplicates += duplicates;
        s.NearDuplicates += clusters.Count;
        s.Clusters.UnionWith(clusters);
        s.TCluster += t3 - t2;
        s.TEvents += Stopwatch.GetTimestamp() - t3;
        s.Stored += stored.Count;
        s.TextChars += stored.Sum(x => (long)x.P.Doc.Text.Length);
    }

    /// <summary>The entities of every document of the batch, once each, in key order (<c>ON CONFLICT DO NOTHING</c>).</summary>
    private static void InsertEntities(NpgsqlConnection c, NpgsqlTransaction tx, Prepared?[] prepared)
    {
        var rows = new SortedDictionary<string, EntityAnnotation>(StringComparer.Ordinal);
        foreach (var p in prepared)
            if (p is not null)
                foreach (var e in p.Doc.Contract.Entities)
                    rows.TryAdd(StoreKeys.Entity(e), e);
        if (rows.Count == 0) return;
        var ents = rows.Values.ToList();
        using var cmd = new NpgsqlCommand("""
            INSERT INTO entities(key, type, subtype, name, name_en, lat, lon, country, name_norm)
            SELECT k, t, st, n, ne, la, lo, co, nn
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[], $9::text[]) WITH ORDINALITY
                 AS x(k, t, st, n, ne, la, lo, co, nn, i)
            ORDER BY i
            ON CONFLICT (key) DO NOTHING
            """, c, tx);
        foreach (var a in new object?[] { rows.Keys.ToArray(), ents.Select(e => e.Type).ToArray(), ents.Select(e => e.Subtype).ToArray(),
                     ents.Select(e => e.Name).ToArray(), ents.Select(e => e.NameEn).ToArray(), ents.Select(e => e.Lat).ToArray(),
                     ents.Select(e => e.Lon).ToArray(), ents.Select(e => e.Country).ToArray(), ents.Select(e => PostgresStore.NameKey(e.Name)).ToArray() })
            cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        cmd.ExecuteNonQuery();
    }

    private static void Exec(NpgsqlConnection c, NpgsqlTransaction tx, string sql, params object[] args)
    {
        using var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        cmd.ExecuteNonQuery();
    }

    /// <summary>Inserts a document and its layers; its seq, or null when the id was stored already.</summary>
    private static long? InsertDocument(NpgsqlConnection c, NpgsqlTransaction tx, Prepared prepared)
    {
        var p = prepared.Doc;
        var d = p.Document;
        long seq;
        using (var cmd = new NpgsqlCommand("""
            INSERT INTO documents(id, external_id, source, url, outlet, outlet_key, category, category_key, author, title, subtitle, published,
                                  text, body_start, minhash, analysis, terms, analyzer)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17::tsvector, $18)
            ON CONFLICT (id) DO NOTHING RETURNING seq
            """, c, tx))
        {
            var a = cmd.Parameters;
            a.Add(Param(d.Id, NpgsqlDbType.Text));
            a.Add(Param(d.ExternalId, NpgsqlDbType.Text));
            a.Add(Param(d.Source, NpgsqlDbType.Text));
            a.Add(Param(d.Url, NpgsqlDbType.Text));
            a.Add(Param(d.Outlet, NpgsqlDbType.Text));
            a.Add(Param(Key(d.Outlet), NpgsqlDbType.Text));
            a.Add(Param(d.Category, NpgsqlDbType.Text));
            a.Add(Param(Key(d.Category), NpgsqlDbType.Text));
            a.Add(Param(d.Author, NpgsqlDbType.Text));
            a.Add(Param(d.Title, NpgsqlDbType.Text));
            a.Add(Param(d.Subtitle, NpgsqlDbType.Text));
            a.Add(Param(d.Published, NpgsqlDbType.Date));
            a.Add(Param(p.Text, NpgsqlDbType.Text));
            a.Add(Param(p.BodyStart, NpgsqlDbType.Integer));
            a.Add(Param(p.MinHash is { } h ? MinHash.ToBytes(h) : null, NpgsqlDbType.Bytea));
            a.Add(Param(p.AnalysisJson, NpgsqlDbType.Text));
            a.Add(Param(prepared.Terms, NpgsqlDbType.Text));
            a.Add(Param(AnalyzerFactory.Signature, NpgsqlDbType.Text));
            if (cmd.ExecuteScalar() is not long s) return null;
            seq = s;
        }

        var k = p.Contract;
        var keyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in k.Entities) keyOf[e.Id] = StoreKeys.Entity(e);
        using var batch = new NpgsqlBatch(c, tx);
        if (k.Entities.Count > 0)
        {
            var ents = k.Entities;
            batch.BatchCommands.Add(Command("INSERT INTO document_entities(doc_seq, entity_key) SELECT DISTINCT $1::bigint, unnest($2::text[])",
                seq, ents.Select(e => keyOf[e.Id]).Distinct().ToArray()));
            var ms = ents.SelectMany(e => e.Mentions.Select(m => (Key: keyOf[e.Id], e.Id, m))).ToList();
            if (ms.Count > 0)
                batch.BatchCommands.Add(Command("""
                    INSERT INTO mentions(doc_seq, entity_key, local_id, start_at, end_at, text)
                    SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::text[])
                    """, seq, ms.Select(x => x.Key).ToArray(), ms.Select(x => x.Id).ToArray(), ms.Select(x => x.m.Start).ToArray(),
                    ms.Select(x => x.m.End).ToArray(), ms.Select(x => x.m.Text).ToArray()));
        }
        if (k.Times.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO times(doc_seq, start_at, end_at, text, value, anchor)
                SELECT $1::bigint, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])
                """, seq, k.Times.Select(t => t.Start).ToArray(), k.Times.Select(t => t.End).ToArray(), k.Times.Select(t => t.Text).ToArray(),
                k.Times.Select(t => t.Value).ToArray(), k.Times.Select(t => t.Anchor).ToArray()));
        if (k.Events.Count > 0)
        {
            var ev = k.Events;
            string K(string? local) => local is not null && keyOf.TryGetValue(local, out var key) ? key : local ?? "";
            batch.BatchCommands.Add(Command("""
                INSERT INTO doc_events(doc_seq, local_id, type, type_key, mode, modality, trigger_start, trigger_end, trigger_text,
                                       sentence_start, sentence_end, time, location_key, actor_keys, target_keys,
                                       participants, fatalities, injured, geo_precision, context, day, ord)
                SELECT $1::bigint, l, t, upper(t), m, mo, ts, te, tx, ss, se, tm, loc, a::jsonb, g::jsonb, p, f, i, gp, ctx, dy, o::int
                FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[], $10::int[],
                            $11::text[], $12::text[], $13::text[], $14::text[], $15::int8[], $16::int8[], $17::int8[], $18::text[], $19::text[], $20::date[])
                     WITH ORDINALITY AS x(l, t, m, mo, ts, te, tx, ss, se, tm, loc, a, g, p, f, i, gp, ctx, dy, o)
                """, seq, ev.Select(v => v.Id).ToArray(), ev.Select(v => v.Type).ToArray(), ev.Select(v => v.Mode).ToArray(),
                ev.Select(v => v.Modality).ToArray(), ev.Select(v => v.Trigger.Start).ToArray(), ev.Select(v => v.Trigger.End).ToArray(),
                ev.Select(v => v.Trigger.Text).ToArray(), ev.Select(v => v.Sentence.Start).ToArray(), ev.Select(v => v.Sentence.End).ToArray(),
                ev.Select(v => v.Time).ToArray(), ev.Select(v => v.Location is null ? null : K(v.Location)).ToArray(),
                ev.Select(v => JsonSerializer.Serialize(v.Actors.Select(K))).ToArray(), ev.Select(v => JsonSerializer.Serialize(v.Targets.Select(K))).ToArray(),
                ev.Select(v => (long?)v.Participants).ToArray(), ev.Select(v => (long?)v.Fatalities).ToArray(), ev.Select(v => (long?)v.Injured).ToArray(),
                ev.Select(v => v.GeoPrecision).ToArray(), ev.Select(v => v.Context).ToArray(),
                ev.Select(v => Events.EventMerger.EventDay(v.Time, d.Published)).ToArray()));
        }
        if (batch.BatchCommands.Count > 0) batch.ExecuteNonQuery();
        return seq;
    }

    /// <summary>The filter key of an outlet or category: lower case, as the embedded index's filter terms.</summary>
    internal static string? Key(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.ToLowerInvariant();

    private static NpgsqlBatchCommand Command(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return cmd;
    }

    /// <summary>
    /// The embedded archive's rule (<see cref="NearDuplicateIndex.FindNearest"/>): the most similar
    /// stored document sharing a band, at or above <see cref="MinHash.NearSimilarity"/>, the earliest on
    /// ties; the new document joins its cluster (the match founds one under its own id when it had none).
    /// Then the document's bands are recorded. Only under <see cref="ClusterLock"/>.
    /// </summary>
    private static string? AssignCluster(NpgsqlConnection c, NpgsqlTransaction tx, long seq, uint[] sig, ISet<long> touched)
    {
        var bands = new short[NearDuplicateIndex.Bands];
        var hashes = new long[NearDuplicateIndex.Bands];
        for (int b = 0; b < bands.Length; b++)
        {
            bands[b] = (short)b;
            hashes[b] = unchecked((long)NearDuplicateIndex.Key(b, sig));
        }
        (long Seq, string Id, string? Cluster)? best = null;
        double bestSim = MinHash.NearSimilarity;
        using (var cmd = new NpgsqlCommand("""
            SELECT d.seq, d.id, d.minhash, d.cluster_id FROM documents d
            WHERE d.seq IN (SELECT b.doc_seq FROM lsh_bands b JOIN unnest($1::smallint[], $2::bigint[]) AS k(band, hash)
                            ON b.band = k.band AND b.hash = k.hash)
            """, c, tx))
        {
            cmd.Parameters.AddWithValue(bands);
            cmd.Parameters.AddWithValue(hashes);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                double sim = MinHash.Similarity(MinHash.FromBytes((byte[])r.GetValue(2)), sig);
                long other = r.GetInt64(0);
                if (sim > bestSim || (sim == bestSim && (best is null || other < best.Value.Seq)))
                {
                    best = (other, r.GetString(1), Str(r, 3));
                    bestSim = sim;
                }
            }
        }
        string? cluster = null;
        if (best is { } m)
        {
            cluster = m.Cluster ?? m.Id;
            if (m.Cluster is null)
            {
                Exec(c, tx, "UPDATE documents SET cluster_id = $1 WHERE seq = $2", cluster, m.Seq);
                touched.Add(m.Seq); // its event reports may now merge with others of the cluster
            }
            Exec(c, tx, "UPDATE documents SET cluster_id = $1 WHERE seq = $2", cluster, seq);
        }
        Exec(c, tx, "INSERT INTO lsh_bands(band, hash, doc_seq) SELECT b, h, $3 FROM unnest($1::smallint[], $2::bigint[]) AS k(b, h) ON CONFLICT DO NOTHING",
            bands, hashes, seq);
        return cluster;
    }
}
