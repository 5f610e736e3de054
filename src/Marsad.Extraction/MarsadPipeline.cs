using Marsad.Analysis;
using Marsad.Extraction.Entities;
using Marsad.Extraction.Events;
using Marsad.Extraction.Relations;

namespace Marsad.Extraction;

/// <summary>The pipeline Marsad runs by default: the text core, then every extraction stage in order.</summary>
public static class MarsadPipeline
{
    private static readonly Lazy<AnalysisPipeline> DefaultPipeline = new(() => CreateBuilder().Build());

    /// <summary>Built once; thread-safe.</summary>
    public static AnalysisPipeline Default => DefaultPipeline.Value;

    /// <summary>The default stages, in the order they must run (each reads what the ones before wrote).</summary>
    /// <param name="entities">How entities are found (e.g. a user's own NER model); <see cref="EntityOptions.Default"/> when null.</param>
    public static AnalysisPipelineBuilder CreateBuilder(EntityOptions? entities = null) => new AnalysisPipelineBuilder()
        .UseTimes()
        .UseQuantities()
        .UseEntities(options: entities)
        .UseEvents()
        .UseRelations();
}
