using BenchmarkDotNet.Running;
using Marsad.Bench;

// `dotnet run -c Release --project bench/Marsad.Bench -- quick [FILE]` times each text component with a
// stopwatch (seconds, for development); anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "quick")
{
    QuickProfile.Run(args.Length > 1 ? args[1] : null);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(TextBenchmarks).Assembly).Run(args);
