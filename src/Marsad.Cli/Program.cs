using System.CommandLine;
using System.Text;
using Marsad.Cli.Commands;
using Marsad.Cli.Commands.Bench;

Console.OutputEncoding = new UTF8Encoding(false);

var root = new RootCommand("Marsad (مرصد): Arabic-first news intelligence — analyse, index, search and code events in Arabic news.");
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(NerCommand.Create());

return await root.Parse(args).InvokeAsync();
