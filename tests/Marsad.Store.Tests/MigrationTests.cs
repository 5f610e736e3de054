using Marsad.Ingest;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Tests;

/// <summary>Schema versions: an older archive is upgraded when opened, a newer one is refused untouched.</summary>
public sealed class MigrationTests : TempArchive
{
    private string Db => Path.Combine(DataDir, "marsad.db");

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string? Scalar(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()?.ToString();
    }

    private void IngestOne()
    {
        using var store = MarsadStores.Open(DataDir);
        store.Ingest([IngestItem.Ok(Article("مظاهرة في عمّان", "تظاهر مئات الأردنيين في عمّان يوم الجمعة تضامنا مع غزة ورفضا للحرب.", "2024-02-09", "alpha"), "a")], Small);
    }

    [Fact]
    public void A_new_archive_has_the_current_schema_version()
    {
        using (MarsadStores.Open(DataDir)) { }
        Assert.Equal(Marsad.Store.Sql.SchemaMigrations.Current.ToString(), Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
    }

    [Fact]
    public void A_version_1_archive_is_upgraded_in_place_and_its_events_merge_again()
    {
        IngestOne();
        // What version 1 held: documents and their layers, no merged-event tables (the first merge made them).
        Sql("""
            DROP TABLE merged_event_sources; DROP TABLE merged_events; DROP TABLE merged_event_changes;
            DELETE FROM meta WHERE key = 'merged_events';
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """);
        Assert.Equal("0", Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'merged_events'"));

        using var store = MarsadStores.Open(DataDir, new StoreOpenOptions { MustExist = true });
        Assert.Equal(Marsad.Store.Sql.SchemaMigrations.Current.ToString(), Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(Marsad.Store.Sql.SchemaMigrations.Current, store.Describe().SchemaVersion);
        Assert.Equal(1, store.CountDocuments());
        Assert.Contains(store.LoadEvents(new Marsad.Store.Events.MergedEventFilter()), e => e.Type == "PROTEST");
        Assert.Equal(1, store.Search(new SearchRequest { Query = "عمان" }).Total);
    }

    [Fact]
    public void An_archive_from_before_schema_versions_gets_its_missing_columns()
    {
        IngestOne();
        Sql("""
            DELETE FROM meta WHERE key = 'schema_version';
            ALTER TABLE doc_events DROP COLUMN context;
            """);
        using var store = MarsadStores.Open(DataDir);
        Assert.Equal("1", Scalar("SELECT count(*) FROM pragma_table_info('doc_events') WHERE name = 'context'"));
        Assert.Equal(Marsad.Store.Sql.SchemaMigrations.Current.ToString(), Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(1, store.CountDocuments());
    }

    [Fact]
    public void An_archive_of_a_newer_version_is_refused_naming_the_folder_and_left_unchanged()
    {
        IngestOne();
        int future = Marsad.Store.Sql.SchemaMigrations.Current + 1;
        Sql($"UPDATE meta SET value = '{future}' WHERE key = 'schema_version'");
        var e = Assert.Throws<ArchiveVersionException>(() => MarsadStores.Open(DataDir));
        Assert.Contains(Path.GetFullPath(DataDir), e.Message);
        Assert.Contains($"schema version {future}", e.Message);
        Assert.Equal(future, e.Found);
        Assert.Equal(future.ToString(), Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
    }

    [Fact]
    public void A_postgres_url_without_its_provider_is_a_clear_error_and_folders_stay_embedded()
    {
        var e = Assert.Throws<StoreUnavailableException>(() => MarsadStores.Open("postgres://marsad:secret@db.example/marsad"));
        Assert.Contains("PostgreSQL", e.Message);
        Assert.DoesNotContain("secret", e.Message);
        Assert.Null(MarsadStores.SchemeOf(DataDir));
        Assert.Null(MarsadStores.SchemeOf(@"C:\marsad-data"));
        Assert.Equal("postgres", MarsadStores.SchemeOf("postgres://h/db"));
        Assert.Same(MarsadStores.Embedded, MarsadStores.ProviderOf(DataDir));
        Assert.Same(MarsadStores.Embedded, MarsadStores.ProviderOf(new Uri(DataDir).AbsoluteUri));
    }

    [Fact]
    public void A_registered_provider_opens_its_scheme()
    {
        var provider = new FolderUnderScheme("marsadtest");
        MarsadStores.Register(provider);
        using var store = MarsadStores.Open("marsadtest://" + DataDir);
        Assert.Equal(Path.GetFullPath(DataDir), store.Location);
        Assert.Same(provider, MarsadStores.ProviderOf("MarsadTest://x"));
    }

    [Fact]
    public void A_read_command_does_not_create_an_archive()
    {
        var missing = Path.Combine(DataDir, "nothing-here");
        var e = Assert.Throws<InputException>(() => MarsadStores.Open(missing, new StoreOpenOptions { MustExist = true }));
        Assert.Contains("no archive here", e.Message);
        Assert.False(Directory.Exists(missing));
    }

    /// <summary>A provider for the registry test: an embedded folder under its own scheme.</summary>
    private sealed class FolderUnderScheme(string scheme) : IStoreProvider
    {
        public string Name => "test";
        public IReadOnlyList<string> Schemes { get; } = [scheme];
        private static string Folder(string location) => location[(location.IndexOf("://", StringComparison.Ordinal) + 3)..];
        public IMarsadStore Open(string location, StoreOpenOptions options) => MarsadStores.Embedded.Open(Folder(location), options);
        public ArchiveCheckReport Check(string location) => MarsadStores.Embedded.Check(Folder(location));
        public long Repair(string location) => MarsadStores.Embedded.Repair(Folder(location));
    }
}
