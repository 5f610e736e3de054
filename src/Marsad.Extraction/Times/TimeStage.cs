using Marsad.Analysis;

namespace Marsad.Extraction.Times;

/// <summary>
/// The <c>times</c> stage: fills <see cref="AnalyzedDocument.Times"/> with ISO-normalised time expressions,
/// resolved against the dateline (<see cref="DocumentInfo.Published"/>), sorted by start offset.
/// </summary>
public sealed class TimeStage : IAnalysisStage
{
    public string Name => "times";

    public void Process(AnalyzedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        TimeRecognizer.Recognize(document.Text, document.Tokens, document.Document.Published, document.Times);
    }
}
