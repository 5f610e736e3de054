using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Tests.Search;

internal static class AnalyzerTestHelper
{
    public static List<string> Terms(Analyzer analyzer, string text) =>
        Tokens(analyzer, text).Select(t => t.Term).ToList();

    public static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var list = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return list;
    }
}
