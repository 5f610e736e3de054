using Lucene.Net.Analysis;
using Lucene.Net.Util;
using Marsad.Text.Search;

namespace Marsad.Store.Index;

/// <summary>
/// The one place the archive gets its Lucene analyzer, for indexing, queries and highlighting
/// alike (they must agree): <see cref="MarsadArabicAnalyzer"/> (Arabic tokeniser with original
/// offsets, search-level normalisation, stop words, clitics و ف ب ل ك س ال and pronouns, light stemming).
/// Changing the analyzer changes the index terms: bump <see cref="Signature"/> so archives re-index.
/// </summary>
public static class AnalyzerFactory
{
    public static LuceneVersion Version => MarsadArabicAnalyzer.Version;

    /// <summary>Names the analyzer; stored with the index, a mismatch on open rebuilds the index from SQLite.</summary>
    public const string Signature = "marsad-arabic/2";

    public static Analyzer Create() => new MarsadArabicAnalyzer();
}
