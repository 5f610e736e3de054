using System.Collections.Concurrent;
using Marsad.Ingest;

namespace Marsad.Store.Postgres.Tests;

public sealed class ConcurrentReadTests
{
    /// <summary>
    /// Four readers (each its own store, as four servers would be) read while a writer ingests one article per
    /// transaction: every reader sees the archive only grow, never a document half stored (a hit whose document or
    /// analysis cannot be read, an entity whose documents disagree with its count), and all agree at the end.
    /// </summary>
    [PgFact]
    public void Readers_see_whole_documents_while_a_writer_ingests()
    {
        using var db = PgServer.CreateDatabase();
        using var writer = PostgresStore.Open(db.Url);
        writer.Ingest(Articles.Items(Articles.All.Take(2)), new IngestOptions { Workers = 1, BatchSize = 1 });
        var readers = Enumerable.Range(0, 4).Select(_ => PostgresStore.Open(db.Url, new StoreOpenOptions { MustExist = true })).ToList();
        var problems = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        int rounds = 0;
        var tasks = readers.Select((store, n) => Task.Run(() =>
        {
            long lastSeq = 0, lastCount = 0;
            while (!stop.IsCancellationRequested)
            {
                var stamp = store.Stamp();
                if (stamp.LastSeq < lastSeq || stamp.Count < lastCount) problems.Enqueue($"reader {n}: the stamp went back ({lastSeq}/{lastCount} → {stamp.LastSeq}/{stamp.Count})");
                (lastSeq, lastCount) = (stamp.LastSeq, stamp.Count);
                var all = store.Search(new SearchRequest { Query = "", Limit = 50 });
                if (all.Total < stamp.Count) problems.Enqueue($"reader {n}: search saw {all.Total} documents after the stamp counted {stamp.Count}");
                foreach (var hit in all.Hits)
                {
                    if (store.GetDocument(hit.Id) is null) problems.Enqueue($"reader {n}: hit {hit.Id} has no document");
                    if (store.GetAnalysis(hit.Id) is not { Entities.Count: > 0 }) problems.Enqueue($"reader {n}: hit {hit.Id} has no analysis with entities");
                }
                var words = store.Search(new SearchRequest { Query = "الأسعار OR المياه" });
                if (words.Hits.Any(h => h.Snippet.Text.Length == 0)) problems.Enqueue($"reader {n}: a hit without a snippet");
                // Two statements see two snapshots: their counts must agree when no document came between them.
                var places = store.FindEntities("", "LOC", 5);
                foreach (var e in places.Entities)
                {
                    int listed = store.DocumentsOf(e.Key, 100).Count;
                    if (listed != e.Documents && store.Stamp() == stamp) problems.Enqueue($"reader {n}: {e.Key} lists {listed} documents but counts {e.Documents}");
                }
                Interlocked.Increment(ref rounds);
            }
        })).ToList();

        foreach (var a in Articles.All.Skip(2))
        {
            writer.Ingest(Articles.Items([a]), new IngestOptions { Workers = 1, BatchSize = 1 });
            Thread.Sleep(50);
        }
        // Let every reader run at least once more over the whole archive.
        int seen = Volatile.Read(ref rounds);
        while (Volatile.Read(ref rounds) < seen + readers.Count) Thread.Sleep(20);
        stop.Cancel();
        Task.WaitAll([.. tasks]);

        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(10)));
        Assert.True(rounds > readers.Count, $"the readers ran only {rounds} rounds");
        var final = writer.Stamp();
        Assert.Equal(Articles.All.Count, final.Count);
        foreach (var r in readers)
        {
            Assert.Equal(final, r.Stamp());
            Assert.Equal(Articles.All.Count, r.Search(new SearchRequest { Query = "" }).Total);
            r.Dispose();
        }
    }
}
