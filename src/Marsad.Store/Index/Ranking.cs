using Lucene.Net.Search.Similarities;

namespace Marsad.Store.Index;

/// <summary>
/// How search ranks: BM25 over title and body, the title's matches weighted by <see cref="TitleBoost"/>.
/// The values are chosen by <c>marsad bench search --quality</c> on a news retrieval set built from the
/// ANT corpus (README, "Search quality"), not by taste.
/// </summary>
public sealed record Ranking(float TitleBoost, float K1, float B)
{
    /// <summary>
    /// What the archive uses: the best mean MRR@10 of the grid over both query sets (8,000 articles, 500 targets,
    /// seed 42): 0.624 against 0.506 for the previous ranking. A title boost helps where the query's words are
    /// in the target's title (first-sentence queries: ×2 gives 0.781 against 0.747) and hurts far more where
    /// another article's title has them (title queries: 0.231 against 0.500), so titles count as body text.
    /// </summary>
    public static Ranking Default { get; } = new(TitleBoost: 1f, K1: 1.6f, B: 0.6f);

    /// <summary>The ranking before it was measured: title ×2, Lucene's BM25 defaults.</summary>
    public static Ranking Previous { get; } = new(TitleBoost: 2f, K1: 1.2f, B: 0.75f);

    public BM25Similarity Similarity() => new(K1, B);

    public override string ToString() => $"title ×{TitleBoost:0.##}, BM25 k1={K1:0.##} b={B:0.##}";
}
