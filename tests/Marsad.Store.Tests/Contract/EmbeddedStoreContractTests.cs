namespace Marsad.Store.Tests.Contract;

/// <summary>The contract on the embedded archive (a temporary folder per store).</summary>
public sealed class EmbeddedStoreContractTests : StoreContractTests
{
    private readonly List<string> _dirs = [];

    protected override IMarsadStore OpenEmpty()
    {
        var dir = Directory.CreateTempSubdirectory("marsad-contract-").FullName;
        _dirs.Add(dir);
        return MarsadStores.Open(dir);
    }

    protected override IMarsadStore Reopen(IMarsadStore store) => MarsadStores.Open(store.Location, new StoreOpenOptions { MustExist = true });

    public override void Dispose()
    {
        base.Dispose();
        foreach (var d in _dirs)
            try { Directory.Delete(d, recursive: true); } catch (IOException) { }
    }
}
