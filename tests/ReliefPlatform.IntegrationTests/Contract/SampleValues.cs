using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReliefPlatform.IntegrationTests.Contract;

/// <summary>Values made from a schema: a plausible one for each documented type, and wrong ones for the invalid variants.</summary>
internal sealed class SampleValues(SchemaCheck schemas)
{
    public JsonNode? Plausible(JsonElement schema, int depth = 0)
    {
        schema = schemas.Deref(schema);
        if (depth > 6 || schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var choices))
            {
                var choice = choices.EnumerateArray().FirstOrDefault(c => MainType(schemas.Deref(c)) != "null");
                return choice.ValueKind == JsonValueKind.Undefined ? null : Plausible(choice, depth + 1);
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values.EnumerateArray().First(v => v.ValueKind != JsonValueKind.Null).GetRawText());
        }

        return MainType(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => schema.TryGetProperty("items", out var items) ? new JsonArray(Plausible(items, depth + 1)) : new JsonArray(),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => Text(schema),
            _ => null,
        };
    }

    /// <summary>A value of another JSON type than the schema's (a number for a string, a string for anything else).</summary>
    public JsonNode WrongType(JsonElement schema) =>
        MainType(schemas.Deref(schema)) == "string" ? JsonValue.Create(12345) : JsonValue.Create("不是这个类型");

    /// <summary>The type a value should have; "string" when a schema allows a number written as text as well.</summary>
    public string? MainType(JsonElement schema)
    {
        schema = schemas.Deref(schema);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        var types = type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList();
        return types.FirstOrDefault(t => t is "integer" or "number") ?? types.FirstOrDefault();
    }

    public IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        schema = schemas.Deref(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var choices))
            {
                return choices.EnumerateArray().SelectMany(Properties).ToList();
            }
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value)).ToList()
            : [];
    }

    public IReadOnlyList<string> Required(JsonElement schema)
    {
        schema = schemas.Deref(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var choices))
            {
                return [.. choices.EnumerateArray().SelectMany(Required).Distinct()];
            }
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required)
            ? [.. required.EnumerateArray().Select(r => r.GetString()!)]
            : [];
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in Properties(schema))
        {
            result[name] = Plausible(property, depth + 1);
        }

        return result;
    }

    private static string Text(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date" => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            "time" => "09:30:00",
            "duration" => "01:00:00",
            _ when schema.TryGetProperty("pattern", out _) => "1",
            _ => "测试",
        };
    }
}
