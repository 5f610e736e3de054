namespace Marsad.Store.Postgres.Tests;

public sealed class QueueTests
{
    [PgFact]
    public void Enqueue_splits_into_batches_once_and_workers_claim_each_batch_once()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        var queue = new PostgresQueue(archive);
        var e = queue.Enqueue(Articles.Items(Articles.All), "fixture.jsonl", batchSize: 3);
        Assert.Equal((Articles.All.Count + 2) / 3, e.Batches);
        Assert.Equal(e.Batches, queue.Enqueue(Articles.Items(Articles.All), "fixture.jsonl", batchSize: 3).AlreadyQueued);
        // Two claims in a row never get the same batch (the first holds its lease).
        var a = queue.TryClaim("w1")!;
        var b = queue.TryClaim("w2")!;
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(3, a.Articles.Count);
        Assert.Equal(Articles.All[0].Title, a.Articles[0].Title);
        Assert.Equal(Articles.All[0].Published, a.Articles[0].Published);
        Assert.True(queue.Renew(a.Id, "w1"));
        Assert.False(queue.Renew(a.Id, "w2"));
    }

    [PgFact]
    public async Task A_dead_workers_batch_is_taken_over_when_its_lease_expires_and_stored_once()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        var quick = new PostgresQueue(archive) { Lease = TimeSpan.FromSeconds(1) };
        quick.Enqueue(Articles.Items(Articles.All), "fixture.jsonl", batchSize: 3);
        // A worker claims a batch, stores part of it, and dies (never renews nor completes).
        var dead = quick.TryClaim("dead")!;
        archive.Ingest(Articles.Items(dead.Articles.Take(1)), new IngestOptions { Workers = 1 });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // Two live workers drain the queue at once, the dead one's batch included.
        var runs = await Task.WhenAll(new[] { "w1", "w2" }.Select(w => Task.Run(() =>
            new PostgresQueue(archive) { Lease = TimeSpan.FromSeconds(30) }.Work(w, new IngestOptions { Workers = 1, BatchSize = 2 }))));
        Assert.Equal(Articles.All.Count, archive.Count);
        Assert.Equal(1, runs.Sum(r => r.TakenOver));
        Assert.Equal(Articles.All.Count - 1, runs.Sum(r => r.Stored));
        Assert.Equal(1, runs.Sum(r => r.Duplicates)); // the article the dead worker had committed
        Assert.Equal(new PostgresQueue.QueueState(0, 0, (Articles.All.Count + 2) / 3), quick.State());
        Assert.True(archive.Check().Ok);
    }
}
