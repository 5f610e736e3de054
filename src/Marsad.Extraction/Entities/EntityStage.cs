using Marsad.Analysis;

namespace Marsad.Extraction.Entities;

/// <summary>
/// The entities stage: persons, organisations and places, matched on clitic-free normalised tokens
/// against the gazetteer and lexicons and found by rules, then merged within the document. Fills
/// <see cref="AnalyzedDocument.Entities"/> and leaves an <see cref="EntityMentionIndex"/> in
/// <see cref="AnalyzedDocument.Items"/>. Thread-safe: all state is per document.
/// </summary>
public sealed class EntityStage : IAnalysisStage
{
    private readonly EntityLexicon? _lexicon;

    /// <param name="lexicon">The lexicon to use; <see cref="EntityLexicon.Default"/> (loaded on first use) when null.</param>
    public EntityStage(EntityLexicon? lexicon = null) => _lexicon = lexicon;

    public string Name => "entities";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        new EntityExtractor(_lexicon ?? EntityLexicon.Default, document).Run();
    }
}

/// <summary>Registers the entities stage.</summary>
public static class EntitiesPipelineExtensions
{
    /// <summary>Adds the entities stage (persons, organisations, places; see <see cref="EntityStage"/>).</summary>
    public static AnalysisPipelineBuilder UseEntities(this AnalysisPipelineBuilder builder, EntityLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new EntityStage(lexicon));
    }
}
