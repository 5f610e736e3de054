namespace Marsad.Store.Tests.Contract;

/// <summary>The assembly the shared contract cases (StoreContractTests.cs) are compiled into: where xunit finds their discoverer.</summary>
internal static class ContractAssembly
{
    public const string Name = "Marsad.Store.Tests";
}
