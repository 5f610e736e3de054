using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marsad.Analysis;

/// <summary>The <c>document</c> object of the contract.</summary>
public sealed record ContractDocument(
    string Id,
    string? Source,
    string Title,
    string? Subtitle,
    string? Published,
    string Language,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outlet = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category = null);

/// <summary>The <c>marsad.analysis/1</c> object (see docs/contract.md); fields may be added, none change meaning.</summary>
public sealed record AnalysisContract
{
    public const string SchemaName = "marsad.analysis/1";

    public string Schema { get; init; } = SchemaName;
    public required ContractDocument Document { get; init; }
    public required string Text { get; init; }
    public List<SpanRef> Sentences { get; init; } = [];
    public List<EntityAnnotation> Entities { get; init; } = [];
    public List<TimeAnnotation> Times { get; init; } = [];
    public List<QuantityAnnotation> Quantities { get; init; } = [];
    public List<EventAnnotation> Events { get; init; } = [];
    public List<RelationAnnotation> Relations { get; init; } = [];

    public static AnalysisContract From(AnalyzedDocument d) => new()
    {
        Document = new ContractDocument(d.Document.Id, d.Document.Source, d.Document.Title, d.Document.Subtitle,
            d.Document.Published?.ToString("yyyy-MM-dd"), d.Document.Language, d.Document.Url, d.Document.Outlet, d.Document.Category),
        Text = d.Text,
        Sentences = d.Sentences.Select(s => new SpanRef(s.Start, s.End)).ToList(),
        Entities = d.Entities,
        Times = d.Times,
        Quantities = d.Quantities,
        Events = d.Events,
        Relations = d.Relations,
    };

    /// <summary>snake_case names, Arabic left readable (not \u-escaped), nulls written.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>Compact variant for storage and one-object-per-line output.</summary>
    public static JsonSerializerOptions CompactJsonOptions { get; } = new(JsonOptions) { WriteIndented = false };

    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? JsonOptions : CompactJsonOptions);

    public static AnalysisContract FromJson(string json) =>
        JsonSerializer.Deserialize<AnalysisContract>(json, JsonOptions) ?? throw new JsonException("empty analysis object");
}
