using Marsad.Store.Tests.Contract;

namespace Marsad.Store.Postgres.Tests.Contract;

/// <summary>Listed only with a server (<see cref="PgServer"/>); cases that need merged events wait for the PostgreSQL event merge.</summary>
public sealed class PostgresContractAttribute : ContractStoreAttribute
{
    public const string NeedsMerge = "needs the PostgreSQL event merge (pgmerge branch)";

    // Cases that assert on merged events, which the PostgreSQL ingest does not write yet.
    private static readonly HashSet<string> Merged = new(StringComparer.Ordinal)
    {
        nameof(StoreContractTests.Events_page_by_cursor_and_by_number_and_agree_with_their_counts),
        nameof(StoreContractTests.Indicators_count_merged_events_and_name_countries),
    };

    public override bool Available => PgServer.Url is not null || PgServer.Required;

    public override string? SkipReason(string method) => Merged.Contains(method) ? NeedsMerge : null;
}

/// <summary>The store contract on PostgreSQL: each store a new database, opened by its URL through <see cref="MarsadStores"/>.</summary>
[PostgresContract]
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private readonly List<TestDatabase> _databases = [];
    private readonly Dictionary<IMarsadStore, string> _urls = new(ReferenceEqualityComparer.Instance);

    public PostgresStoreContractTests() => MarsadStores.Register(new PostgresStoreProvider());

    protected override IMarsadStore OpenEmpty()
    {
        var db = PgServer.CreateDatabase();
        _databases.Add(db);
        var store = MarsadStores.Open(db.Url);
        _urls[store] = db.Url;
        return store;
    }

    // Location hides the password: the store is opened again by the URL it was made from.
    protected override IMarsadStore Reopen(IMarsadStore store) => MarsadStores.Open(_urls[store], new StoreOpenOptions { MustExist = true });

    public override void Dispose()
    {
        base.Dispose();
        foreach (var d in _databases) d.Dispose();
    }
}
