using Marsad.Ingest;
using Npgsql;

namespace Marsad.Store.Postgres.Tests;

public sealed class PostgresArchiveTests
{
    private static readonly IngestOptions Small = new() { Workers = 2, BatchSize = 3 };

    [PgFact]
    public void Ingest_then_read_back_documents_analysis_and_layers()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        var s = archive.Ingest(Articles.Items(Articles.All), Small);
        Assert.Equal(Articles.All.Count, s.Stored);
        Assert.Equal(Articles.All.Count, archive.Count);
        var first = archive.EnumerateDocuments().First();
        Assert.Equal(Articles.All[0].Title, first.Title);
        Assert.Equal("Hespress", first.Outlet);
        Assert.Equal(new DateOnly(2023, 3, 6), first.Published);
        Assert.StartsWith(first.Title, first.Text);
        var got = archive.GetDocument(first.Id)!;
        Assert.Equal(first.Text, got.Text);
        var analysis = archive.GetAnalysis(first.Id)!;
        Assert.Equal(first.Id, analysis.Document.Id);
        Assert.Equal(first.Text, analysis.Text);
        Assert.NotEmpty(analysis.Entities);
        // The layers' tables agree with the stored analysis.
        using var c = archive.DataSource.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM mentions m JOIN documents d ON d.seq = m.doc_seq WHERE d.id = $1", c);
        cmd.Parameters.AddWithValue(first.Id);
        Assert.Equal((long)analysis.Entities.Sum(e => e.Mentions.Count), (long)cmd.ExecuteScalar()!);
        Assert.True(archive.Check().Ok, string.Join("; ", archive.Check().Problems));
    }

    [PgFact]
    public void The_same_input_twice_is_stored_once_and_the_schema_is_migrated_once()
    {
        using var db = PgServer.CreateDatabase();
        using (var archive = PostgresArchive.Open(db.Url)) archive.Ingest(Articles.Items(Articles.All), Small);
        using var again = PostgresArchive.Open(db.Url);
        long counter = again.ChangeCounter;
        var s = again.Ingest(Articles.Items(Articles.All.Concat(Articles.All)), Small);
        Assert.Equal(0, s.Stored);
        Assert.Equal(2 * Articles.All.Count, s.Duplicates);
        Assert.Equal(Articles.All.Count, again.Count);
        Assert.Equal(counter, again.ChangeCounter); // nothing stored: readers' caches stay valid
        Assert.Empty(Migrations.Apply(again.DataSource));
    }

    [PgFact]
    public void The_wire_story_in_two_outlets_is_one_story_cluster()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        archive.Ingest(Articles.Items(Articles.All), Small);
        var docs = archive.EnumerateDocuments().ToList();
        Assert.Equal(docs[0].Id, docs[0].ClusterId);
        Assert.Equal(docs[0].Id, docs[1].ClusterId);
        Assert.All(docs.Skip(2), d => Assert.Null(d.ClusterId));
        Assert.Equal([docs[0].Id, docs[1].Id], archive.GetCluster(docs[0].Id));
    }

    [PgFact]
    public async Task Three_writers_at_once_store_each_document_once_with_one_consistent_clustering()
    {
        using var db = PgServer.CreateDatabase();
        using (PostgresArchive.Open(db.Url)) { } // the schema first, as `marsad migrate` would
        // Each writer gets the whole set in its own order (the near-duplicate pair split across writers).
        var orders = new[] { Articles.All.ToList(), Articles.All.Reverse().ToList(), Articles.All.Skip(3).Concat(Articles.All.Take(3)).ToList() };
        var runs = await Task.WhenAll(orders.Select(o => Task.Run(() =>
        {
            using var a = PostgresArchive.Open(db.Url);
            return a.Ingest(Articles.Items(o), new IngestOptions { Workers = 1, BatchSize = 2 });
        })));
        using var archive = PostgresArchive.Open(db.Url);
        Assert.Equal(Articles.All.Count, archive.Count);
        Assert.Equal(Articles.All.Count, runs.Sum(r => r.Stored));
        Assert.Equal(2 * Articles.All.Count, runs.Sum(r => r.Duplicates));
        var docs = archive.EnumerateDocuments().ToList();
        var clustered = docs.Where(d => d.ClusterId is not null).ToList();
        Assert.Equal(2, clustered.Count); // the pair, whoever stored which
        Assert.Single(clustered.Select(d => d.ClusterId).Distinct());
        Assert.Contains(clustered, d => d.Id == d.ClusterId);
        var check = archive.Check();
        Assert.True(check.Ok, string.Join("; ", check.Problems));
    }

    [PgFact]
    public void Check_finds_a_document_whose_layers_were_lost()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        archive.Ingest(Articles.Items(Articles.All), Small);
        using (var cmd = archive.DataSource.CreateCommand("DELETE FROM mentions WHERE doc_seq = (SELECT min(seq) FROM documents)")) cmd.ExecuteNonQuery();
        using (var cmd = archive.DataSource.CreateCommand("UPDATE documents SET terms = ''::tsvector WHERE seq = (SELECT max(seq) FROM documents)")) cmd.ExecuteNonQuery();
        var check = archive.Check();
        Assert.False(check.Ok);
        Assert.Contains(check.Problems, p => p.Contains("mentions", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Contains("search terms", StringComparison.Ordinal));
    }

    [PgFact]
    public void Check_finds_each_layer_out_of_step_with_its_document()
    {
        using var db = PgServer.CreateDatabase();
        using var archive = PostgresArchive.Open(db.Url);
        archive.Ingest(Articles.Items(Articles.All), Small);
        Assert.True(archive.Check().Ok, string.Join("; ", archive.Check().Problems));
        void Exec(string sql)
        {
            using var cmd = archive.DataSource.CreateCommand(sql);
            cmd.ExecuteNonQuery();
        }
        // One breakage per rule, each on another document (a document with times, events, entities, a signature).
        Exec("DELETE FROM lsh_bands WHERE band = 3 AND doc_seq = (SELECT min(seq) FROM documents WHERE minhash IS NOT NULL)");
        Exec("""
            INSERT INTO times(doc_seq, start_at, end_at, text, value, anchor)
            SELECT seq, 0, 1, 'x', '2023-01-01', 'dateline' FROM documents WHERE seq = (SELECT max(seq) FROM documents)
            """);
        Exec("DELETE FROM merged_event_sources WHERE (doc_seq, local_id) = (SELECT doc_seq, local_id FROM merged_event_sources ORDER BY doc_seq DESC, local_id LIMIT 1)");
        Exec("UPDATE documents SET cluster_id = 'ffffffffffffffff' WHERE seq = (SELECT min(seq) FROM documents WHERE cluster_id IS NULL)");
        var check = archive.Check();
        Assert.False(check.Ok);
        foreach (var problem in new[] { "band table", "times differ", "in no merged event", "story cluster without its first document" })
            Assert.Contains(check.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.DoesNotContain(check.Problems, p => p.Contains("mentions differ", StringComparison.Ordinal));
    }

    [PgFact]
    public void Migrate_copies_an_embedded_archive_with_the_same_ids_and_a_second_run_copies_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("marsad-pg-migrate-").FullName;
        try
        {
            using var db = PgServer.CreateDatabase();
            using var embedded = MarsadStores.Open(dir);
            embedded.Ingest(Articles.Items(Articles.All), Small);
            using var pg = PostgresArchive.Open(db.Url);
            // A copy stopped half-way: the first two documents are there already.
            pg.Ingest(embedded.EnumerateDocuments().Take(2).Select(d => IngestItem.Ok(d.ToArticle(), d.Id)), Small);

            var m = PostgresMigration.Copy(embedded, pg, Small);
            Assert.Equal(Articles.All.Count, m.Source);
            Assert.Equal(Articles.All.Count - 2, m.Copied);
            Assert.Equal(2, m.AlreadyThere);
            Assert.Equal(0, m.Rejected);
            Assert.Equal(embedded.CountDocuments(), pg.Count);
            var want = embedded.EnumerateDocuments().ToDictionary(d => d.Id);
            foreach (var got in pg.EnumerateDocuments())
            {
                var d = want[got.Id];
                Assert.Equal(d.Text, got.Text);
                Assert.Equal(d.BodyStart, got.BodyStart);
                Assert.Equal(d.Subtitle, got.Subtitle);
                Assert.Equal(d.Published, got.Published);
                Assert.Equal(d.Outlet, got.Outlet);
                Assert.Equal(d.ClusterId is null, got.ClusterId is null);
            }
            Assert.True(pg.Check().Ok, string.Join("; ", pg.Check().Problems));

            var again = PostgresMigration.Copy(embedded, pg, Small);
            Assert.Equal(0, again.Copied);
            Assert.Equal(Articles.All.Count, again.AlreadyThere);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void A_bad_store_url_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => PostgresArchive.Open("postgres://"));
        Assert.Contains("not a PostgreSQL URL", e.Message, StringComparison.Ordinal);
        Assert.Equal("postgres://u:***@h:1/d", PostgresUrl.Redact("postgres://u:secret@h:1/d"));
    }

    [Fact]
    public void Statements_have_no_client_time_limit_unless_the_url_sets_one()
    {
        Assert.Equal(0, new Npgsql.NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://u:p@h:1/d")).CommandTimeout);
        Assert.Equal(60, new Npgsql.NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://u:p@h:1/d?command%20timeout=60")).CommandTimeout);
    }
}
