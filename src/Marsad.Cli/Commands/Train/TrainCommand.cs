using System.CommandLine;

namespace Marsad.Cli.Commands.Train;

/// <summary><c>marsad train …</c>: builds the statistical resources Marsad ships (the NER model).</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var cmd = new Command("train", "Train a statistical resource: the entity tagger (ner).");
        cmd.Subcommands.Add(TrainNerCommand.Create());
        return cmd;
    }
}
