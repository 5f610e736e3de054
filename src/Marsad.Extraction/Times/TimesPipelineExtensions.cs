using Marsad.Analysis;
using Marsad.Extraction.Times;

// In the root namespace so that one `using Marsad.Extraction;` brings every Use…() extension.
namespace Marsad.Extraction;

/// <summary>Registers the times stage.</summary>
public static class TimesPipelineExtensions
{
    /// <summary>Adds the <c>times</c> stage; run it before quantities (which skip numbers inside times) and events.</summary>
    public static AnalysisPipelineBuilder UseTimes(this AnalysisPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new TimeStage());
    }
}
