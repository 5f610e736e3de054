using System.CommandLine;
using System.Text;
using Marsad.Extraction.Entities;
using Marsad.Extraction.Entities.Tagging;
using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad ner --conll FILE [--model MODEL]</c>: tags a CoNLL file (token per line) with BIO entity tags for evaluation.</summary>
public static class NerCommand
{
    public static Command Create()
    {
        var conll = new Option<string>("--conll") { Description = "A CoNLL file: one token per line (first column), blank line between sentences.", Required = true };
        var model = new Option<string?>("--model") { Description = "A model file from 'marsad train ner' (default: the shipped model)." };
        var clusters = new Option<string?>("--clusters") { Description = "The word-cluster file(s) the --model was trained with, when not the shipped ones (several separated by commas, in the order of training)." };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "No tagger: lists and hand-written rules only." };
        var cmd = new Command("ner", "Tag a pre-tokenised corpus with entity BIO tags (B-PERS I-PERS B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC O) as one more column.") { conll, model, clusters, rulesOnly };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            string path = r.GetValue(conll)!;
            if (!File.Exists(path)) throw new InputException(path, "no such file");
            var options = Options(r.GetValue(model), r.GetValue(clusters), r.GetValue(rulesOnly));
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            ConllTagger.CreateDefault(options).Tag(reader, output);
            output.Flush();
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>The entity options of <c>--model</c>, <c>--clusters</c> and <c>--rules-only</c>.</summary>
    internal static EntityOptions Options(string? modelPath, string? clusterPath, bool rulesOnly)
    {
        if (rulesOnly && modelPath is not null) throw new InputException("--rules-only", "cannot be given with --model");
        if (rulesOnly) return EntityOptions.RulesOnly;
        foreach (var p in new[] { modelPath }.Concat(clusterPath?.Split(',') ?? []))
            if (p is not null && !File.Exists(p)) throw new InputException(p, "no such file");
        var wc = clusterPath is null ? null : WordClusters.Load(clusterPath.Split(','));
        return modelPath is null ? EntityOptions.Corpus : EntityOptions.Corpus with { Model = NerModel.Load(modelPath, wc) };
    }
}
