using System.Diagnostics;
using Marsad.Store.Index;

namespace Marsad.Store.Tests;

/// <summary>
/// A reader whose archive got documents from another writer (SQLite first, the index commit right after)
/// waits for that index commit before it answers, once per new seq; nothing waits otherwise.
/// </summary>
public sealed class IndexCoverageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-coverage-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static Lucene.Net.Documents.Document Doc(string id) =>
        SearchIndex.BuildDocument(id, "عنوان " + id, "نص الخبر عن الاتفاق", new DateOnly(2024, 3, 1), "tests", null, [], []);

    [Fact]
    public async Task A_reader_waits_for_another_writers_index_commit_once_per_new_document()
    {
        using var writer = new SearchIndex(_dir);
        writer.EnsureCreated();
        using var reader = new SearchIndex(_dir);
        Assert.Equal(0, reader.NumDocs);
        Assert.True(reader.EnsureCovers(0, null, TimeSpan.FromSeconds(5)), "an empty archive is covered");

        // Stored in SQLite, not yet committed to the index: the reader waits its time, then says it is behind.
        writer.Add(Doc("d1"));
        var sw = Stopwatch.StartNew();
        Assert.False(reader.EnsureCovers(1, "d1", TimeSpan.FromMilliseconds(300)));
        Assert.InRange(sw.ElapsedMilliseconds, 250, 10_000);
        // The same seq is not waited for again (a lost index commit must not slow every search).
        sw.Restart();
        Assert.False(reader.EnsureCovers(1, "d1", TimeSpan.FromSeconds(10)));
        Assert.True(sw.ElapsedMilliseconds < 2_000, $"waited {sw.ElapsedMilliseconds} ms for a seq already waited for");

        // A newer document whose index commit comes while the reader waits: it is seen as soon as it lands.
        writer.Add(Doc("d2"));
        var commit = Task.Run(async () => { await Task.Delay(400); writer.Commit(); });
        sw.Restart();
        Assert.True(reader.EnsureCovers(2, "d2", TimeSpan.FromSeconds(20)));
        await commit;
        Assert.True(sw.ElapsedMilliseconds >= 300, "covered before the commit");
        Assert.Equal(2, reader.NumDocs);

        // Covered: commits without changes and the same stamp cost no wait.
        writer.Commit();
        sw.Restart();
        for (int i = 0; i < 50; i++) Assert.True(reader.EnsureCovers(2, "d2", TimeSpan.FromSeconds(20)));
        Assert.True(sw.ElapsedMilliseconds < 1_000, $"50 covered checks took {sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_archive_stamp_follows_every_stored_document_and_counts_them()
    {
        using var store = EmbeddedStore.Open(_dir);
        Assert.Equal(new StoreStamp(0, 0), store.Stamp());
        store.IngestArticle(new Analysis.ArticleInput { Title = "عنوان أول", Body = "نص أول عن الاتفاق في القاهرة." });
        var one = store.Stamp();
        Assert.Equal(1, one.Count);
        store.IngestArticle(new Analysis.ArticleInput { Title = "عنوان ثان", Body = "نص ثان عن الإضراب في الدار البيضاء." });
        var two = store.Stamp();
        Assert.Equal(2, two.Count);
        Assert.True(two.LastSeq > one.LastSeq);
        // Another object over the same folder (another process) sees the same stamp.
        using var other = EmbeddedStore.Open(_dir);
        Assert.Equal(two, other.Stamp());
    }
}
