using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Store.Postgres;

/// <summary>
/// A document's search terms as a PostgreSQL <c>tsvector</c> literal: the terms Marsad's analyzer
/// (<see cref="Index.AnalyzerFactory"/>, the embedded index's) makes of the title (weight A) and of the
/// body (weight D), with their positions, so phrases match as in the embedded index. The body's
/// positions start <see cref="FieldGap"/> after the title's, so no phrase runs from one into the other.
/// PostgreSQL keeps positions up to 16,383 (later ones count as 16,383) and lexemes up to 2,047 bytes.
/// </summary>
internal static class SearchTerms
{
    public const int FieldGap = 100;
    private const int MaxPosition = 16383, MaxLexemeBytes = 2047, MaxPositionsPerLexeme = 255;

    /// <summary>The tsvector literal of a title and body (cast with <c>::tsvector</c> in SQL).</summary>
    public static string Build(Analyzer analyzer, string title, string body)
    {
        // lexeme -> positions with weight, in first-seen order (the literal's order does not matter to PostgreSQL)
        var lexemes = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        int last = Add(analyzer, "title", title, 0, 'A', lexemes);
        Add(analyzer, "body", body, last + FieldGap, 'D', lexemes);
        var sb = new StringBuilder();
        foreach (var (lexeme, positions) in lexemes)
        {
            if (sb.Length > 0) sb.Append(' ');
            Quote(sb, lexeme);
            sb.Append(':').Append(positions);
        }
        return sb.ToString();
    }

    private static int Add(Analyzer analyzer, string field, string text, int offset, char weight, Dictionary<string, StringBuilder> lexemes)
    {
        if (text.Length == 0) return offset;
        using var ts = analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var inc = ts.AddAttribute<IPositionIncrementAttribute>();
        ts.Reset();
        int pos = offset;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (ts.IncrementToken())
        {
            pos += inc.PositionIncrement;
            string t = term.ToString();
            if (t.Length == 0 || Encoding.UTF8.GetByteCount(t) > MaxLexemeBytes) continue;
            int n = counts.GetValueOrDefault(t);
            if (n >= MaxPositionsPerLexeme) continue;
            counts[t] = n + 1;
            if (!lexemes.TryGetValue(t, out var positions)) lexemes[t] = positions = new StringBuilder();
            else positions.Append(',');
            positions.Append(Math.Clamp(pos, 1, MaxPosition)).Append(weight);
        }
        ts.End();
        return pos;
    }

    /// <summary>A lexeme quoted for tsvector and tsquery input: in single quotes, with ' and \ escaped.</summary>
    public static void Quote(StringBuilder sb, string lexeme)
    {
        sb.Append('\'');
        foreach (char c in lexeme)
        {
            if (c is '\'' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('\'');
    }
}
