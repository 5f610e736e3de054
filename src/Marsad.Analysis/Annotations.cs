using System.Text.Json.Serialization;

namespace Marsad.Analysis;

/// <summary>A character span of the document text with the text it covers.</summary>
public sealed record SpanText(int Start, int End, string Text);

/// <summary>A bare span (sentence, evidence).</summary>
public sealed record SpanRef(int Start, int End);

public static class EntityTypes
{
    public const string Person = "PER";
    public const string Organisation = "ORG";
    public const string Location = "LOC";
}

public sealed class EntityAnnotation
{
    public required string Id { get; set; }
    /// <summary>PER, ORG or LOC.</summary>
    public required string Type { get; set; }
    /// <summary>person, organisation, group, country, city, region, admin1, facility, other.</summary>
    public string? Subtype { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Key { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    /// <summary>ISO 3166 alpha-2 code of the country the entity is in or is, where known.</summary>
    public string? Country { get; set; }
    public List<SpanText> Mentions { get; set; } = [];
}

public sealed class TimeAnnotation
{
    public int Start { get; set; }
    public int End { get; set; }
    public required string Text { get; set; }
    /// <summary>ISO 8601 value at the precision the text gives: 2023, 2023-03, 2023-03-01, or a range a/b.</summary>
    public required string Value { get; set; }
    /// <summary>dateline, absolute or relative.</summary>
    public required string Anchor { get; set; }
}

public sealed class QuantityAnnotation
{
    public int Start { get; set; }
    public int End { get; set; }
    public required string Text { get; set; }
    public double Value { get; set; }
    /// <summary>The counted noun or unit (member, percent, USD, killed …) or null.</summary>
    public string? Unit { get; set; }
    /// <summary>count, percent, money, casualties, ordinal … where known.</summary>
    public string? Kind { get; set; }
}

public sealed class EventAnnotation
{
    public required string Id { get; set; }
    /// <summary>PLOVER event type (AGREE, CONSULT, … ASSAULT) or OTHER.</summary>
    public required string Type { get; set; }
    public string? Mode { get; set; }
    public string? Context { get; set; }
    public required SpanText Trigger { get; set; }
    public List<string> Actors { get; set; } = [];
    public List<string> Targets { get; set; } = [];
    public string? Location { get; set; }
    /// <summary>Where the location was found: clause (في/بـ + place), sentence, or document (its main place); null with no location.</summary>
    public string? GeoPrecision { get; set; }
    public string? Time { get; set; }
    public int? Ordinal { get; set; }
    public int? Participants { get; set; }
    public int? Fatalities { get; set; }
    public int? Injured { get; set; }
    /// <summary>asserted, negated, future or hypothetical; only asserted events count as having happened.</summary>
    public string Modality { get; set; } = "asserted";
    public required SpanRef Sentence { get; set; }
}

public sealed class RelationAnnotation
{
    /// <summary>co_chair, member_count, member_of, role, located_in or other.</summary>
    public required string Type { get; set; }
    public required string Subject { get; set; }
    public string? Object { get; set; }
    /// <summary>A string, a number or null.</summary>
    [JsonConverter(typeof(ScalarValueConverter))]
    public object? Value { get; set; }
    public required SpanRef Evidence { get; set; }
}
