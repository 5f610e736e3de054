using Marsad.Analysis;

namespace Marsad.Extraction.Relations;

public static class RelationsPipelineExtensions
{
    /// <summary>Adds the relation stage (after entities; reuses the event stage's token index when it ran).</summary>
    public static AnalysisPipelineBuilder UseRelations(this AnalysisPipelineBuilder builder) =>
        builder.Use(new RelationStage());
}
