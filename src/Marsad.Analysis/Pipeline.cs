namespace Marsad.Analysis;

/// <summary>One step of analysis: reads some layers of the document and adds its own.</summary>
public interface IAnalysisStage
{
    /// <summary>A short name (times, entities, events …), used in timings and errors.</summary>
    string Name { get; }

    void Process(AnalyzedDocument document, CancellationToken cancellationToken);
}

/// <summary>
/// Builds an <see cref="AnalysisPipeline"/>. The text stage (sentences, tokens, clitics) always runs
/// first; later stages run in the order they were added, e.g.
/// <c>new AnalysisPipelineBuilder().UseTimes().UseQuantities().UseEntities().UseEvents().Build()</c>.
/// </summary>
public sealed class AnalysisPipelineBuilder
{
    private readonly List<IAnalysisStage> _stages = [new TextStage()];

    public IReadOnlyList<IAnalysisStage> Stages => _stages;

    public AnalysisPipelineBuilder Use(IAnalysisStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (_stages.Any(s => s.Name == stage.Name))
            throw new InvalidOperationException($"the stage '{stage.Name}' is already in the pipeline");
        _stages.Add(stage);
        return this;
    }

    public bool Has(string name) => _stages.Any(s => s.Name == name);

    public AnalysisPipeline Build() => new([.. _stages]);
}

/// <summary>An immutable, thread-safe sequence of stages.</summary>
public sealed class AnalysisPipeline
{
    private readonly IAnalysisStage[] _stages;

    internal AnalysisPipeline(IAnalysisStage[] stages) => _stages = stages;

    public IReadOnlyList<IAnalysisStage> Stages => _stages;

    public AnalyzedDocument Analyze(ArticleInput input, CancellationToken cancellationToken = default)
    {
        var doc = new AnalyzedDocument(input);
        foreach (var stage in _stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(doc, cancellationToken);
        }
        return doc;
    }
}
