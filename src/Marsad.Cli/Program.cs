using System.CommandLine;
using System.Text;
using Marsad.Cli.Commands;
using Marsad.Cli.Commands.Train;

Console.OutputEncoding = new UTF8Encoding(false);
// postgres:// and postgresql:// locations open the PostgreSQL archive (every command that takes --data / --store / $MARSAD_STORE).
Marsad.Store.MarsadStores.Register(new Marsad.Store.Postgres.PostgresStoreProvider());

var root = new RootCommand("Marsad (مرصد): Arabic-first news intelligence — analyse, index, search and code events in Arabic news.");
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(NerCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(ShowCommand.Create());
root.Subcommands.Add(EventsCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(CheckCommand.CreateRepair());
root.Subcommands.Add(PostgresCommands.CreateEnqueue());
root.Subcommands.Add(PostgresCommands.CreateWorker());
root.Subcommands.Add(PostgresCommands.CreateMigrate());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(TrainCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0) return UsageError.Report(root, parsed);
return await parsed.InvokeAsync();
