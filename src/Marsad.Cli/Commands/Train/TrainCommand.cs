using System.CommandLine;

namespace Marsad.Cli.Commands.Train;

/// <summary><c>marsad train …</c>: the parent of the commands that learn a model or a resource from a corpus.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var cmd = new Command("train", "Learn models and resources from corpora: word clusters (clusters), the entity tagger (ner).");
        cmd.Subcommands.Add(TrainClustersCommand.Create());
        cmd.Subcommands.Add(TrainNerCommand.Create());
        return cmd;
    }
}
