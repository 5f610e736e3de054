namespace Marsad.Store.Tests.Contract;

/// <summary>The assembly the shared contract cases (linked from Marsad.Store.Tests) are compiled into here: where xunit finds their discoverer.</summary>
internal static class ContractAssembly
{
    public const string Name = "Marsad.Store.Postgres.Tests";
}
