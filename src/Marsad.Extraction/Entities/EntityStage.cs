using Marsad.Analysis;
using Marsad.Extraction.Entities.Tagging;

namespace Marsad.Extraction.Entities;

/// <summary>How the entity stage finds names.</summary>
public sealed record EntityOptions
{
    /// <summary>Lists and rules only, no tagger (the behaviour before the tagger).</summary>
    public static EntityOptions RulesOnly { get; } = new() { UseTagger = false };

    /// <summary>The shipped model beside the lists.</summary>
    public static EntityOptions Default { get; } = new();

    /// <summary>Run a learned tagger; its spans come first and the lists key them.</summary>
    public bool UseTagger { get; init; } = true;

    /// <summary>The tagger's model; <see cref="NerModel.Default"/> when null (no tagger when this build ships none).</summary>
    public NerModel? Model { get; init; }

    /// <summary>
    /// With a tagger: whether the hand-written rules (titles, organisation phrases, name shapes) may still add
    /// names on the tokens the tagger left; by default only list matches do.
    /// </summary>
    public bool RulesBesideTagger { get; init; }

    /// <summary>
    /// With a tagger: a listed name of two words or more, or an organisation phrase of the rules, replaces the
    /// shorter tagged spans inside it (the news articles' convention: «الحكومة البريطانية» is one organisation).
    /// Off for NER corpora that tag such phrases in parts (ANERcorp: «الحكومة [البريطانية]»).
    /// </summary>
    public bool PreferLongerRuleNames { get; init; } = true;

    /// <summary>The options <see cref="ConllTagger"/> uses by default: the tagger's spans as they are.</summary>
    public static EntityOptions Corpus { get; } = new() { PreferLongerRuleNames = false };
}

/// <summary>
/// The entities stage: persons, organisations and places, tagged by a learned model (when one is
/// configured or shipped), matched on clitic-free normalised tokens against the gazetteer and lexicons,
/// found by rules, then merged within the document. Fills <see cref="AnalyzedDocument.Entities"/> and
/// leaves an <see cref="EntityMentionIndex"/> in <see cref="AnalyzedDocument.Items"/>. Thread-safe: all
/// state is per document.
/// </summary>
public sealed class EntityStage : IAnalysisStage
{
    private readonly EntityLexicon? _lexicon;
    private readonly EntityOptions _options;

    /// <param name="lexicon">The lexicon to use; <see cref="EntityLexicon.Default"/> (loaded on first use) when null.</param>
    /// <param name="options">Tagger and rules; <see cref="EntityOptions.Default"/> when null.</param>
    public EntityStage(EntityLexicon? lexicon = null, EntityOptions? options = null)
    {
        _lexicon = lexicon;
        _options = options ?? EntityOptions.Default;
    }

    public string Name => "entities";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        new EntityExtractor(_lexicon ?? EntityLexicon.Default, document, _options).Run();
    }
}

/// <summary>Registers the entities stage.</summary>
public static class EntitiesPipelineExtensions
{
    /// <summary>Adds the entities stage (persons, organisations, places; see <see cref="EntityStage"/>).</summary>
    public static AnalysisPipelineBuilder UseEntities(this AnalysisPipelineBuilder builder, EntityLexicon? lexicon = null, EntityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new EntityStage(lexicon, options));
    }
}
