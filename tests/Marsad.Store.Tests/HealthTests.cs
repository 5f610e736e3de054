using Marsad.Ingest;

namespace Marsad.Store.Tests;

/// <summary>Issue 14, items 3 and 7: a bad record never stops a run; a damaged archive is named and repaired.</summary>
public sealed class HealthTests : TempArchive
{
    private void Fill(int n)
    {
        using var a = MarsadArchive.Open(DataDir);
        a.Ingest(Enumerable.Range(1, n).Select(i => Article(Corpus.Title(i), Corpus.Body(i), "2024-01-01")), Small);
    }

    [Fact]
    public void A_word_past_the_index_term_limit_rejects_that_article_only()
    {
        using var a = MarsadArchive.Open(DataDir);
        // 20,000 Arabic letters with no space: 40,000 UTF-8 bytes, past Lucene's 32,766-byte term limit.
        var immense = Article("مقال بكلمة لا تنتهي", "بداية النص " + new string('ب', 20_000) + " ونهايته.");
        var items = new[] { Article(Corpus.Title(1), Corpus.Body(1)), immense, Article(Corpus.Title(2), Corpus.Body(2)) };
        var s = a.Ingest(items.Select((x, i) => IngestItem.Ok(x, $"feed.jsonl:{i + 1}")), Small);
        Assert.Equal(2, s.Stored);
        Assert.Equal(1, s.RejectedCount);
        Assert.Equal("feed.jsonl:2", s.Rejected[0].Origin);
        Assert.Contains("32,766", s.Rejected[0].Reason);
        Assert.Equal(2, a.Search(new SearchRequest()).Total);
    }

    [Fact]
    public void Check_is_clean_on_a_sound_archive()
    {
        Fill(5);
        var r = ArchiveHealth.Check(DataDir);
        Assert.True(r.Clean, string.Join("; ", r.Problems));
        Assert.Equal((5, 5), (r.Documents, r.IndexEntries));
    }

    [Fact]
    public void A_truncated_index_file_is_named_and_repair_rebuilds_it_from_the_database()
    {
        Fill(6);
        string index = Path.Combine(DataDir, "index");
        var biggest = Directory.GetFiles(index).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length).First();
        using (var f = new FileStream(biggest, FileMode.Open)) f.SetLength(f.Length / 2);

        var e = Assert.Throws<ArchiveDamagedException>(() => MarsadArchive.Open(DataDir).Dispose());
        Assert.Contains("marsad repair", e.Message);
        var report = ArchiveHealth.Check(DataDir);
        Assert.False(report.Clean);
        Assert.Contains(report.Problems, p => p.Contains(index, StringComparison.Ordinal));

        Assert.Equal(6, ArchiveHealth.Repair(DataDir));
        Assert.True(ArchiveHealth.Check(DataDir).Clean, string.Join("; ", ArchiveHealth.Check(DataDir).Problems));
        using var a = MarsadArchive.Open(DataDir);
        Assert.Equal(6, a.Search(new SearchRequest()).Total);
    }

    [Fact]
    public void A_damaged_database_is_named_and_not_overwritten()
    {
        Fill(3);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string db = Path.Combine(DataDir, "marsad.db");
        foreach (var side in new[] { "-wal", "-shm" }) File.Delete(db + side);
        var bytes = File.ReadAllBytes(db);
        Array.Fill(bytes, (byte)0x5A, 0, 100); // the header: no longer a SQLite file
        File.WriteAllBytes(db, bytes);

        var e = Assert.Throws<ArchiveDamagedException>(() => MarsadArchive.Open(DataDir).Dispose());
        Assert.Contains("marsad.db", e.Message);
        Assert.False(ArchiveHealth.Check(DataDir).Clean);
        Assert.Throws<ArchiveDamagedException>(() => ArchiveHealth.Repair(DataDir));
        Assert.Equal(bytes, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_missing_segments_file_is_reported_and_repaired()
    {
        Fill(4);
        foreach (var f in Directory.GetFiles(Path.Combine(DataDir, "index"), "segments*")) File.Delete(f);
        Assert.Contains(ArchiveHealth.Check(DataDir).Problems, p => p.Contains("no segments file", StringComparison.Ordinal));
        Assert.Equal(4, ArchiveHealth.Repair(DataDir));
        Assert.True(ArchiveHealth.Check(DataDir).Clean);
    }
}

/// <summary>Issue 14, item 8: the same input gives the same archive whatever the thread timing.</summary>
public sealed class DeterminismTests : TempArchive
{
    [Fact]
    public void Documents_are_stored_in_input_order_with_several_workers()
    {
        // Articles of very different lengths, so workers finish them out of order.
        var articles = Enumerable.Range(1, 60).Select(i => Article(Corpus.Title(i),
            string.Join(' ', Enumerable.Repeat(Corpus.Body(i), i % 7 == 0 ? 40 : 1)), "2024-01-01")).ToList();
        using var a = MarsadArchive.Open(DataDir);
        a.Ingest(articles, new IngestOptions { Workers = 4, BatchSize = 7, QueueCapacity = 8 });
        var expected = articles.Select(x => Marsad.Analysis.AnalyzedDocument.ComputeId(x.Body)).ToList();
        Assert.Equal(expected, a.EnumerateDocuments().Select(d => d.Id).ToList());
    }
}
