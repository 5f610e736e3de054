using Marsad.Analysis;

namespace Marsad.Extraction.Quantities;

/// <summary>
/// The <c>quantities</c> stage: fills <see cref="AnalyzedDocument.Quantities"/> (see <see cref="QuantityRecognizer"/>),
/// skipping numbers that are part of a time expression found by the times stage.
/// </summary>
public sealed class QuantityStage : IAnalysisStage
{
    public string Name => "quantities";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        QuantityRecognizer.Recognize(document.Text, document.Tokens, document.Times, document.Quantities);
    }
}
