using Marsad.Store.Tests.Contract;

namespace Marsad.Store.Postgres.Tests.Contract;

/// <summary>Listed only with a server (<see cref="PgServer"/>).</summary>
public sealed class PostgresContractAttribute : ContractStoreAttribute
{
    public override bool Available => PgServer.Url is not null || PgServer.Required;
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
