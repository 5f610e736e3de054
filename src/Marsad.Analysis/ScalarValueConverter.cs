using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marsad.Analysis;

/// <summary>Writes a relation value as a JSON string, number or null, and reads it back the same way.</summary>
public sealed class ScalarValueConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out long l) ? l : reader.GetDouble(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"a relation value must be a string, a number or null, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
