using System.CommandLine;
using System.Text;
using Marsad.Extraction.Entities;
using Marsad.Ingest;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad ner --conll FILE</c>: tags a CoNLL file (token per line) with BIO entity tags for evaluation.</summary>
public static class NerCommand
{
    public static Command Create()
    {
        var conll = new Option<string>("--conll") { Description = "A CoNLL file: one token per line (first column), blank line between sentences.", Required = true };
        var cmd = new Command("ner", "Tag a pre-tokenised corpus with entity BIO tags (B-PERS I-PERS B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC O) as one more column.") { conll };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            string path = r.GetValue(conll)!;
            if (!File.Exists(path)) throw new InputException(path, "no such file");
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            ConllTagger.CreateDefault().Tag(reader, output);
            output.Flush();
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
