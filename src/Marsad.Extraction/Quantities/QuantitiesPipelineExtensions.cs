using Marsad.Analysis;
using Marsad.Extraction.Quantities;

// In the root namespace so that one `using Marsad.Extraction;` brings every Use…() extension.
namespace Marsad.Extraction;

/// <summary>Registers the quantities stage.</summary>
public static class QuantitiesPipelineExtensions
{
    /// <summary>Adds the <c>quantities</c> stage; it reads the times layer, so add it after <c>UseTimes()</c>.</summary>
    public static AnalysisPipelineBuilder UseQuantities(this AnalysisPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new QuantityStage());
    }
}
