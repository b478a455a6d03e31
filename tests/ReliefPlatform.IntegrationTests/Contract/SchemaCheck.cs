using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Contract;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.1 schema as far as a contract needs: types (with type lists and null),
/// required properties, properties, array items, enums, <c>$ref</c> into the document's components and the
/// combinators. Formats and additional properties are not judged.
/// </summary>
internal sealed class SchemaCheck(JsonElement document)
{
    public IEnumerable<string> Problems(JsonElement value, JsonElement schema, string at = "$", int depth = 0)
    {
        if (depth > 40 || schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            foreach (var problem in Problems(value, Resolve(reference.GetString()!), at, depth + 1))
            {
                yield return problem;
            }

            yield break;
        }

        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var choices))
            {
                var fits = choices.EnumerateArray().Any(choice => !Problems(value, choice, at, depth + 1).Any());
                if (!fits)
                {
                    yield return $"{at}: fits none of {combinator}";
                }
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                foreach (var problem in Problems(value, part, at, depth + 1))
                {
                    yield return problem;
                }
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => Fits(value, t)))
            {
                yield return $"{at}: {value.ValueKind} where the document says {string.Join("|", types)}";
                yield break;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            && !values.EnumerateArray().Any(v => v.ValueKind == value.ValueKind && v.GetRawText() == value.GetRawText()))
        {
            yield return $"{at}: {value.GetRawText()} is not one of the documented values";
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        yield return $"{at}: required property '{name}' is missing";
                    }
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var inner))
                    {
                        foreach (var problem in Problems(inner, property.Value, $"{at}.{property.Name}", depth + 1))
                        {
                            yield return problem;
                        }
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray().Take(50))
            {
                foreach (var problem in Problems(item, items, $"{at}[{index++}]", depth + 1))
                {
                    yield return problem;
                }
            }
        }
    }

    public JsonElement Resolve(string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    /// <summary>The schema itself, or what its <c>$ref</c> names.</summary>
    public JsonElement Deref(JsonElement schema, int depth = 0) =>
        depth < 20 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? Deref(Resolve(reference.GetString()!), depth + 1)
            : schema;

    private static bool Fits(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
