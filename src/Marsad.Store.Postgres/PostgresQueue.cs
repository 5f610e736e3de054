using System.Text.Json;
using Marsad.Analysis;
using Marsad.Ingest;
using Npgsql;

namespace Marsad.Store.Postgres;

/// <summary>
/// The ingest queue in the archive's database (<c>queue_batches</c>): <see cref="Enqueue"/> splits
/// inputs into batches of articles; <see cref="Work"/> claims one pending batch at a time with
/// <c>FOR UPDATE SKIP LOCKED</c> (workers never wait for each other), holds it under a lease it
/// renews while it works, ingests it and marks it done. A worker killed mid-batch stops renewing:
/// when the lease expires another worker takes the batch over; what the killed one committed is
/// kept and the rest is stored once (documents are unique by content id).
/// </summary>
public sealed class PostgresQueue(PostgresArchive archive)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long a claimed batch stays with its worker without a renewal.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public sealed record EnqueueSummary(long Read, long Articles, long Rejected, int Batches, int AlreadyQueued);

    /// <param name="Settle">The time the final settling of the merged events took (zero when this worker stored nothing).</param>
    public sealed record WorkSummary(int Batches, long Stored, long Duplicates, long Rejected, int TakenOver, TimeSpan Settle);

    public sealed record QueueState(int Pending, int Claimed, int Done);

    /// <summary>
    /// Queues the articles of <paramref name="items"/> in batches of <paramref name="batchSize"/>,
    /// keyed by input and position: queueing the same input again adds nothing.
    /// </summary>
    public EnqueueSummary Enqueue(IEnumerable<IngestItem> items, string input, int batchSize = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long read = 0, articles = 0, rejected = 0;
        int batches = 0, known = 0, first = 0;
        var batch = new List<ArticleInput>(batchSize);
        void Flush()
        {
            if (batch.Count == 0) return;
            using var cmd = archive.DataSource.CreateCommand(
                "INSERT INTO queue_batches(input, first_item, articles) VALUES ($1, $2, $3::jsonb) ON CONFLICT (input, first_item) DO NOTHING");
            cmd.Parameters.AddWithValue(input);
            cmd.Parameters.AddWithValue(first);
            cmd.Parameters.AddWithValue(JsonSerializer.Serialize(batch, Json));
            if (cmd.ExecuteNonQuery() == 1) batches++; else known++;
            first += batch.Count;
            batch.Clear();
        }
        foreach (var item in items)
        {
            read++;
            if (item.Article is not { } a) { rejected++; continue; }
            articles++;
            batch.Add(a);
            if (batch.Count >= batchSize) Flush();
        }
        Flush();
        return new EnqueueSummary(read, articles, rejected, batches, known);
    }

    /// <summary>A claimed batch: its id, its articles and whether an earlier worker's lease on it had expired.</summary>
    public sealed record Claim(long Id, string Input, int FirstItem, List<ArticleInput> Articles, bool TakenOver);

    /// <summary>Claims the oldest pending batch nobody holds (or whose lease expired), or null when there is none.</summary>
    public Claim? TryClaim(string worker)
    {
        using var cmd = archive.DataSource.CreateCommand("""
            UPDATE queue_batches q SET worker = $1, lease_until = now() + $2, attempts = attempts + 1
            FROM (SELECT id, lease_until IS NOT NULL AS taken_over FROM queue_batches
                  WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < now())
                  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c
            WHERE q.id = c.id
            RETURNING q.id, q.input, q.first_item, q.articles::text, c.taken_over
            """);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(Lease);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var articles = JsonSerializer.Deserialize<List<ArticleInput>>(r.GetString(3), Json)
            ?? throw new InvalidDataException($"queue batch {r.GetInt64(0)}: no articles");
        return new Claim(r.GetInt64(0), r.GetString(1), r.GetInt32(2), articles, r.GetBoolean(4));
    }

    /// <summary>Extends the lease; false when the batch is no longer this worker's (it was taken over).</summary>
    public bool Renew(long batchId, string worker)
    {
        using var cmd = archive.DataSource.CreateCommand(
            "UPDATE queue_batches SET lease_until = now() + $3 WHERE id = $1 AND worker = $2 AND state = 'pending'");
        cmd.Parameters.AddWithValue(batchId);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(Lease);
        return cmd.ExecuteNonQuery() == 1;
    }

    private void Complete(long batchId, IngestSummary s)
    {
        using var cmd = archive.DataSource.CreateCommand(
            "UPDATE queue_batches SET state = 'done', done_at = now(), lease_until = NULL, stored = $2, duplicates = $3, rejected = $4 WHERE id = $1");
        cmd.Parameters.AddWithValue(batchId);
        cmd.Parameters.AddWithValue((int)s.Stored);
        cmd.Parameters.AddWithValue((int)s.Duplicates);
        cmd.Parameters.AddWithValue((int)s.RejectedCount);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Claims and ingests batches until none is pending (or <paramref name="ct"/> stops it); the
    /// lease is renewed every third of <see cref="Lease"/> while a batch is ingested. While other
    /// workers hold batches it waits rather than stops: one of them may die and its batch come free.
    /// At the end it settles the merged events (<see cref="PostgresArchive.SettleEvents"/>) when it stored anything.
    /// </summary>
    public WorkSummary Work(string worker, IngestOptions? options = null, Action<Claim, IngestSummary>? batchDone = null, CancellationToken ct = default)
    {
        int batches = 0, takenOver = 0;
        long stored = 0, duplicates = 0, rejected = 0;
        while (!ct.IsCancellationRequested)
        {
            if (TryClaim(worker) is not { } claim)
            {
                if (State().Claimed == 0) break;
                ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Clamp(Lease.TotalMilliseconds / 4, 50, 1000)));
                continue;
            }
            using var renew = new Timer(_ =>
            {
                try { Renew(claim.Id, worker); }
                catch (NpgsqlException) { } // the next renewal tries again; an expired lease only means another worker may redo the batch
            }, null, Lease / 3, Lease / 3);
            var items = claim.Articles.Select((a, i) => IngestItem.Ok(a, $"{claim.Input} #{claim.FirstItem + i + 1}"));
            var s = archive.Ingest(items, options, null, settle: false, ct);
            Complete(claim.Id, s);
            batches++;
            if (claim.TakenOver) takenOver++;
            stored += s.Stored;
            duplicates += s.Duplicates;
            rejected += s.RejectedCount;
            batchDone?.Invoke(claim, s);
        }
        // The queue is empty: the merged events made batch by batch are settled into the full merge (once per worker that stored).
        var settle = System.Diagnostics.Stopwatch.StartNew();
        if (stored > 0 && !ct.IsCancellationRequested) archive.SettleEvents();
        else settle.Reset();
        return new WorkSummary(batches, stored, duplicates, rejected, takenOver, settle.Elapsed);
    }

    public QueueState State()
    {
        using var cmd = archive.DataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < now())),
                   count(*) FILTER (WHERE state = 'pending' AND lease_until >= now()),
                   count(*) FILTER (WHERE state = 'done')
            FROM queue_batches
            """);
        using var r = cmd.ExecuteReader();
        r.Read();
        return new QueueState((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2));
    }
}
