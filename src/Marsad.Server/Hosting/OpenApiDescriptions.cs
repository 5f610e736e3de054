using System.Text.Json.Nodes;
using Marsad.Server.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marsad.Server.Hosting;

/// <summary>
/// Gives the query parameters of the OpenAPI document (read as plain strings by the endpoints, which
/// validate them themselves) their real types, formats, enums, ranges and descriptions.
/// </summary>
internal sealed class OpenApiDescriptions : IOpenApiDocumentTransformer
{
    private sealed record Param(JsonSchemaType Type, string Description, string? Format = null, string[]? Enum = null, int? Min = null, int? Max = null);

    private static readonly Dictionary<string, Param> Params = new(StringComparer.Ordinal)
    {
        ["q"] = new(JsonSchemaType.String, "Search words in Lucene syntax: all required unless OR, \"phrases\", -word, title:word; empty lists all documents, newest first."),
        ["from"] = new(JsonSchemaType.String, "First day: YYYY-MM-DD, YYYY-MM or YYYY (a month or year starts on its first day)."),
        ["to"] = new(JsonSchemaType.String, "Last day: YYYY-MM-DD, YYYY-MM or YYYY (a month or year ends on its last day)."),
        ["source"] = new(JsonSchemaType.String, "Outlet (case-insensitive)."),
        ["category"] = new(JsonSchemaType.String, "Category (case-insensitive)."),
        ["entity"] = new(JsonSchemaType.String, "An entity id (iso3166:MA, geonames:…, marsad:…): only documents mentioning it."),
        ["page"] = new(JsonSchemaType.Integer, "Page number (fixed pages; prefer cursor).", "int32", Min: 1, Max: Validate.MaxPage),
        ["documents_page"] = new(JsonSchemaType.Integer, "Page of the entity's documents, newest first (50 a page).", "int32", Min: 1, Max: Validate.MaxPage),
        ["events_page"] = new(JsonSchemaType.Integer, "Page of the entity's merged events, newest first (50 a page).", "int32", Min: 1, Max: Validate.MaxPage),
        ["cursor"] = new(JsonSchemaType.String, "The next_cursor of the previous page (search-after)."),
        ["type"] = new(JsonSchemaType.String, "PLOVER event type.", Enum: EventEndpoints.Types),
        ["country"] = new(JsonSchemaType.String, "The event's country: ISO 3166 alpha-2 or alpha-3 code, English or Arabic name (YE, YEM, Yemen, اليمن)."),
        ["actor"] = new(JsonSchemaType.String, "An actor: entity id, or (part of) a name."),
        ["updated_since"] = new(JsonSchemaType.String, "Only events added or changed at or after this time: ISO 8601 (2024-05-01T10:00:00Z) or Unix seconds; `deleted` lists ids merged or deleted since."),
        ["by"] = new(JsonSchemaType.String, "What to count by."),
        ["limit"] = new(JsonSchemaType.Integer, "At most this many.", "int32"),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
            foreach (var (_, op) in item.Operations ?? [])
                foreach (var p in (op.Parameters ?? []).OfType<OpenApiParameter>())
                {
                    var d = Describe(path, p.Name ?? "");
                    if (d is null) continue;
                    p.Description = d.Description;
                    var schema = new OpenApiSchema { Type = d.Type, Format = d.Format };
                    if (d.Enum is not null) schema.Enum = d.Enum.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
                    if (d.Min is { } min) schema.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (d.Max is { } max) schema.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    p.Schema = schema;
                }
        return Task.CompletedTask;
    }

    /// <summary>The parameters that differ between endpoints (size, sort, format) depend on the path.</summary>
    private static Param? Describe(string path, string name)
    {
        bool events = path.EndsWith("/events", StringComparison.Ordinal);
        return name switch
        {
            "size" => events
                ? new(JsonSchemaType.Integer, $"Events per page (default {EventEndpoints.PageSize}, at most {EventEndpoints.MaxSize}; exports default to all, at most {EventEndpoints.MaxExport}).", "int32", Min: 1, Max: EventEndpoints.MaxExport)
                : new(JsonSchemaType.Integer, $"Hits per page (default {SearchEndpoints.PageSize}).", "int32", Min: 1, Max: SearchEndpoints.MaxSize),
            "sort" => events
                ? new(JsonSchemaType.String, "date: newest first (default); date_asc: oldest first.", Enum: EventEndpoints.Sorts)
                : new(JsonSchemaType.String, "relevance (default) or date (newest first).", Enum: SearchEndpoints.Sorts),
            "format" => events
                ? new(JsonSchemaType.String, "json (default); csv: ACLED's 31 columns; jsonl: Marsad's events, one per line; plover: PLOVER JSON Lines (docs/export.md).", Enum: EventEndpoints.Formats)
                : new(JsonSchemaType.String, "json (default); csv or jsonl: the hits of the page (id, title, published, source, category, score, snippet).", Enum: SearchEndpoints.Formats),
            "from" or "to" => Params[name] with { Format = null },
            _ => Params.GetValueOrDefault(name),
        };
    }
}
