using Marsad.Analysis;

namespace Marsad.Extraction.Events;

public static class EventsPipelineExtensions
{
    /// <summary>Adds the event stage (after entities and times, whose layers it reads).</summary>
    public static AnalysisPipelineBuilder UseEvents(this AnalysisPipelineBuilder builder, TriggerLexicon? lexicon = null) =>
        builder.Use(new EventStage(lexicon));
}
