using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Contract;

/// <summary>
/// The API documents tell the truth: read through the gateway as the reference page reads them, every operation of
/// every document is called through the gateway with a plausible request (as a user entitled to it) and with invalid
/// ones (missing required fields, wrong JSON types, a body of null, a key given twice, overlong texts, malformed ids,
/// values no enum has), and every answer must be one the document lists — status, content type and body shape —
/// and never a 5xx.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class OpenApiContractTests(CountyAppFixture county, ITestOutputHelper output)
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    /// <summary>Whom to try first for each document; the next ones are tried when the first is refused (401/403).</summary>
    private static readonly string[] Everyone =
        ["county-admin", "caseworker", "finance", "ops", "supervisor", "provider-demo", "township-hengshan", "visitor-hengshan"];

    [Fact]
    public async Task Every_document_names_the_gateway_as_its_server_and_only_paths_the_gateway_routes()
    {
        foreach (var (name, prefix) in Documents())
        {
            var document = await DocumentAsync(name);

            var servers = document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
            Assert.Equal(["/"], servers);
            var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
            Assert.NotEmpty(paths);
            // The gateway's route /api/<service>/{**rest} (or /api/townships/<code>/{**rest}) also matches its bare base.
            Assert.All(paths, path => Assert.True(path.StartsWith(prefix, StringComparison.Ordinal) || path == prefix.TrimEnd('/'), $"{name}: {path} is not under {prefix}"));
        }
    }

    [Fact]
    public async Task Every_operation_answers_only_what_its_document_says_to_plausible_and_to_invalid_requests()
    {
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        var refusedToEveryone = new ConcurrentBag<string>();
        var calls = 0;
        var operations = new List<Operation>();
        foreach (var (name, _) in Documents())
        {
            var document = await DocumentAsync(name);
            var schemas = new SchemaCheck(document);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in Methods.Where(m => path.Value.TryGetProperty(m, out _)))
                {
                    operations.Add(new Operation(name, method.ToUpperInvariant(), path.Name, path.Value.GetProperty(method), schemas, new SampleValues(schemas))
                    {
                        Lists = document.GetProperty("paths").EnumerateObject()
                            .Where(p => p.Value.TryGetProperty("get", out _) && !p.Name.Contains('{', StringComparison.Ordinal))
                            .Select(p => p.Name)
                            .ToHashSet(StringComparer.Ordinal),
                        Deletes = document.GetProperty("paths").EnumerateObject()
                            .Where(p => p.Value.TryGetProperty("delete", out _))
                            .Select(p => (p.Name, p.Value.GetProperty("delete")))
                            .ToList(),
                    });
                }
            }
        }

        using var parallel = new SemaphoreSlim(4);
        await Task.WhenAll(operations.Select(async operation =>
        {
            await parallel.WaitAsync();
            try
            {
                var (made, walked) = await WalkAsync(operation, failures);
                Interlocked.Add(ref calls, made);
                if (!walked)
                {
                    refusedToEveryone.Add(operation.ToString());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                failures.Add($"{operation}: the call itself failed: {ex.GetType().Name} {ex.Message}");
            }
            finally
            {
                parallel.Release();
            }
        }));

        output.WriteLine($"{operations.Count} operations in {Documents().Count()} documents, {calls} calls in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"answers by status: {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"{refusedToEveryone.Count} operations no demo user may call (only their refusal was checked): {string.Join("; ", refusedToEveryone.Order(StringComparer.Ordinal))}");
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} answers differ from their documents:\n{string.Join("\n", failures.Order(StringComparer.Ordinal))}");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the walk took {clock.Elapsed}");
    }

    private static IEnumerable<(string Name, string PathPrefix)> Documents() =>
        ResourceNames.HubServices.Append(ResourceNames.Identity).Select(s => (s, $"/api/{s}/"))
            .Concat(CountyAppFixture.RunningTownships.Select(slug => (ResourceNames.TownshipService(slug), $"/api/townships/{TownshipCode(slug)}/")));

    private static string TownshipCode(string slug) => slug switch
    {
        "hengshan" => "341525100",
        "foziling" => "341525101",
        _ => throw new ArgumentOutOfRangeException(nameof(slug), slug, "a township the fixture does not run"),
    };

    private async Task<JsonElement> DocumentAsync(string name)
    {
        using var response = await county.Gateway.GetAsync($"/openapi/{name}.json");
        Assert.True(response.IsSuccessStatusCode, $"/openapi/{name}.json answered {(int)response.StatusCode}");
        var text = await response.Content.ReadAsStringAsync();
        // Kept beside the test binaries for whoever reads a failure.
        Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "openapi-documents"));
        await File.WriteAllTextAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "openapi-documents", $"{name}.json"), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private readonly ConcurrentDictionary<int, int> _statuses = new();

    /// <summary>One plausible call (as the first user allowed), then the invalid variants as that user; returns the number of calls and whether a user was allowed.</summary>
    private async Task<(int Calls, bool Walked)> WalkAsync(Operation operation, ConcurrentBag<string> failures)
    {
        var calls = 0;
        var body = operation.JsonBodySchema is { } bodySchema ? operation.Samples.Plausible(bodySchema) : null;
        string? user = null;
        string? path = null;
        foreach (var candidate in Candidates(operation))
        {
            path = await ExistingPathAsync(operation, candidate) ?? operation.Path(operation.PlausiblePathValues());
            var (status, _, location) = await CallAsync(operation, "plausible", candidate, path, operation.PlausibleQuery(), Json(body), failures);
            calls++;
            if (status == 201 && location is not null && operation.Discards(location) is { } discard)
            {
                // What the walk created is taken away again where the document offers a way, so other tests see the county as they left it.
                var (discarded, _, _) = await CallAsync(discard, "discarding what the walk created", candidate, location, "", null, failures);
                calls++;
                Assert.True(discarded < 500, $"{discard} answered {discarded}");
            }

            if (status is not (401 or 403))
            {
                user = candidate;
                break;
            }
        }

        if (user is null)
        {
            return (calls, false);
        }

        var variants = new List<(string Name, string Path, string Query, HttpContent? Body, bool MustRefuse)>();
        path ??= operation.Path(operation.PlausiblePathValues());
        var query = operation.PlausibleQuery();
        if (operation.JsonBodySchema is { } schema)
        {
            var required = operation.Samples.Required(schema);
            var properties = operation.Samples.Properties(schema).ToList();
            if (required.Count > 0)
            {
                variants.Add(("empty object", path, query, Json(new JsonObject()), true));
                foreach (var missing in required.Take(4))
                {
                    var without = (JsonObject)body!.DeepClone();
                    without.Remove(missing);
                    variants.Add(($"without required '{missing}'", path, query, Json(without), true));
                }
            }

            if (operation.BodyRequired || required.Count > 0)
            {
                variants.Add(("null body", path, query, Json(null, literal: "null"), true));
                variants.Add(("no body", path, query, null, true));
            }

            if (body is JsonObject && properties.Count > 0)
            {
                foreach (var (name, propertySchema) in properties.Take(6))
                {
                    var wrong = (JsonObject)body.DeepClone();
                    wrong[name] = operation.Samples.WrongType(propertySchema);
                    variants.Add(($"'{name}' of the wrong type", path, query, Json(wrong), true));
                }

                var overlong = (JsonObject)body.DeepClone();
                foreach (var (name, propertySchema) in properties.Where(p => operation.Samples.MainType(p.Schema) == "string"))
                {
                    overlong[name] = new string('长', 5000);
                }

                variants.Add(("overlong texts", path, query, Json(overlong), false));
                var first = properties[0].Name;
                var duplicated = body.ToJsonString();
                duplicated = $"{{\"{first}\":{body[first]?.ToJsonString() ?? "null"},{duplicated[1..]}";
                variants.Add(($"'{first}' given twice", path, query, Json(null, literal: duplicated), true));
            }
            else if (body is not JsonObject)
            {
                variants.Add(("a body of the wrong JSON type", path, query, Json(null, literal: "\"不是对象\""), true));
            }
        }

        foreach (var parameter in operation.PathParameters)
        {
            var values = operation.PlausiblePathValues();
            values[parameter] = "not-an-id'%3B";
            variants.Add(($"malformed path value '{parameter}'", operation.Path(values), query, Json(body), true));
        }

        foreach (var (name, parameterSchema) in operation.QueryParameters)
        {
            var type = operation.Samples.MainType(parameterSchema);
            var enumerated = operation.Schemas.Deref(parameterSchema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("enum", out _);
            if (enumerated || type is "integer" or "number" or "boolean" || IsDate(operation, parameterSchema))
            {
                var bad = string.IsNullOrEmpty(query) ? $"?{name}=NoSuchValue" : $"{query}&{name}=NoSuchValue";
                variants.Add(($"query '{name}' with a value its type has not", path, bad, Json(body), true));
            }
        }

        foreach (var (name, variantPath, variantQuery, variantBody, mustRefuse) in variants)
        {
            var (status, _, _) = await CallAsync(operation, name, user, variantPath, variantQuery, variantBody, failures);
            calls++;
            if (mustRefuse && status is >= 200 and < 300)
            {
                failures.Add($"{operation} [{name}] as {user}: {status} accepted an invalid request");
            }
        }

        return (calls, true);
    }

    /// <summary>
    /// For a read of one thing (<c>GET …/drafts/{id}</c>), the path of one that exists, taken from the document's list
    /// of them (<c>GET …/drafts</c>) as the same user, so the answer's body is checked too; writes keep made-up ids
    /// so the walk changes nothing another test relies on.
    /// </summary>
    private async Task<string?> ExistingPathAsync(Operation operation, string user)
    {
        if (operation.Method != "GET" || operation.PathParameters.Count != 1)
        {
            return null;
        }

        var parameter = operation.PathParameters[0];
        var at = operation.Template.IndexOf($"/{{{parameter}}}", StringComparison.Ordinal);
        var collection = operation.Template[..at];
        if (!operation.Lists.Contains(collection))
        {
            return null;
        }

        var client = await county.ClientForAsync(user);
        using var response = await client.GetAsync(collection);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var items = list.ValueKind == JsonValueKind.Array
            ? list
            : list.ValueKind == JsonValueKind.Object ? list.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array) : default;
        var first = items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().FirstOrDefault() : default;
        var key = parameter == "id" ? "id" : parameter;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty(key, out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? operation.Path(new Dictionary<string, string> { [parameter] = id.ToString() })
            : null;
    }

    private static bool IsDate(Operation operation, JsonElement schema) =>
        operation.Schemas.Deref(schema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("format", out var f) && f.GetString() is "date" or "date-time" or "uuid";

    private static IEnumerable<string> Candidates(Operation operation)
    {
        var first = operation.Document switch
        {
            "township-hengshan" => ["township-hengshan"],
            "township-foziling" => ["township-foziling"],
            ResourceNames.Funding => ["finance"],
            ResourceNames.Assessment => ["caseworker"],
            _ => Array.Empty<string>(),
        };
        return first.Concat(Everyone).Distinct();
    }

    private static StringContent? Json(JsonNode? node, string? literal = null) =>
        literal is null && node is null ? null : new StringContent(literal ?? node!.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<(int Status, string Body, string? Location)> CallAsync(
        Operation operation, string variant, string user, string path, string query, HttpContent? body, ConcurrentBag<string> failures)
    {
        var client = await county.ClientForAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + query) { Content = body };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var status = (int)response.StatusCode;
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        foreach (var problem in operation.Judge(response, text))
        {
            failures.Add($"{operation} [{variant}] as {user} → {status}: {problem}");
        }

        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return (status, text, location);
    }

    private sealed record Operation(string Document, string Method, string Template, JsonElement Definition, SchemaCheck Schemas, SampleValues Samples)
    {
        private IEnumerable<JsonElement> Parameters(string location) =>
            Definition.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Select(Schemas.Deref).Where(p => p.GetProperty("in").GetString() == location)
                : [];

        public IReadOnlyList<string> PathParameters => [.. Parameters("path").Select(p => p.GetProperty("name").GetString()!)];

        public IReadOnlyList<(string Name, JsonElement Schema)> QueryParameters =>
            [.. Parameters("query").Select(p => (p.GetProperty("name").GetString()!, p.TryGetProperty("schema", out var s) ? s : default))];

        public JsonElement? JsonBodySchema =>
            Definition.TryGetProperty("requestBody", out var body)
            && Schemas.Deref(body).TryGetProperty("content", out var content)
            && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                ? schema
                : null;

        public bool BodyRequired =>
            Definition.TryGetProperty("requestBody", out var body) && Schemas.Deref(body).TryGetProperty("required", out var required)
            && required.ValueKind == JsonValueKind.True;

        public Dictionary<string, string> PlausiblePathValues() =>
            Parameters("path").ToDictionary(
                p => p.GetProperty("name").GetString()!,
                p => Samples.Plausible(p.TryGetProperty("schema", out var s) ? s : default) is JsonValue v ? v.ToString() : "x");

        public string Path(Dictionary<string, string> values) =>
            values.Aggregate(Template, (path, value) => path.Replace($"{{{value.Key}}}", Uri.EscapeDataString(value.Value).Replace("%2527", "'", StringComparison.Ordinal), StringComparison.Ordinal));

        public string PlausibleQuery()
        {
            var required = Parameters("query").Where(p => p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True).ToList();
            return required.Count == 0
                ? ""
                : "?" + string.Join("&", required.Select(p =>
                    $"{p.GetProperty("name").GetString()}={Uri.EscapeDataString(Samples.Plausible(p.TryGetProperty("schema", out var s) ? s : default)?.ToString() ?? "x")}"));
        }

        /// <summary>What is wrong with an answer, measured against this operation's documented responses.</summary>
        public IEnumerable<string> Judge(HttpResponseMessage response, string text)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                yield return $"a server error: {Shorten(text)}";
                yield break;
            }

            var responses = Definition.TryGetProperty("responses", out var r) ? r : default;
            var documented = Find(responses, status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? Find(responses, $"{status / 100}XX") ?? Find(responses, "default");
            if (documented is not { } answer)
            {
                yield return $"status not documented (documented: {string.Join(", ", responses.ValueKind == JsonValueKind.Object ? responses.EnumerateObject().Select(p => p.Name) : [])}); body {Shorten(text)}";
                yield break;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var content = Schemas.Deref(answer).TryGetProperty("content", out var c) ? c : default;
            if (content.ValueKind != JsonValueKind.Object || !content.EnumerateObject().Any())
            {
                if (text.Length > 0)
                {
                    yield return $"a {mediaType} body where the document says none: {Shorten(text)}";
                }

                yield break;
            }

            if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            {
                yield return $"content type {mediaType ?? "(none)"} where the document says {string.Join(", ", content.EnumerateObject().Select(p => p.Name))}";
                yield break;
            }

            if (!mediaType.Contains("json", StringComparison.Ordinal))
            {
                yield break;
            }

            JsonElement value;
            try
            {
                value = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                value = default;
            }

            if (value.ValueKind == JsonValueKind.Undefined)
            {
                yield return $"a {mediaType} body that is not JSON: {Shorten(text)}";
                yield break;
            }

            if (mediaType == "application/problem+json"
                && (!value.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String
                    || !value.TryGetProperty("status", out var problemStatus) || problemStatus.ValueKind != JsonValueKind.Number || problemStatus.GetInt32() != status))
            {
                yield return $"a problem without title or with another status: {Shorten(text)}";
            }

            if (media.TryGetProperty("schema", out var schema))
            {
                foreach (var problem in Schemas.Problems(value, schema).Take(3))
                {
                    yield return $"body does not match its schema: {problem}";
                }
            }
        }

        public IReadOnlyList<(string Template, JsonElement Definition)> Deletes { get; init; } = [];

        /// <summary>Paths of the document's parameterless reads (lists), where existing ids are found.</summary>
        public HashSet<string> Lists { get; init; } = [];

        /// <summary>The document's DELETE operation at the path a 201 named, if it has one.</summary>
        public Operation? Discards(string location)
        {
            foreach (var (template, definition) in Deletes)
            {
                var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
                if (System.Text.RegularExpressions.Regex.IsMatch(location, pattern))
                {
                    return this with { Method = "DELETE", Template = template, Definition = definition };
                }
            }

            return null;
        }

        public override string ToString() => $"{Document}: {Method} {Template}";

        private static JsonElement? Find(JsonElement responses, string key) =>
            responses.ValueKind == JsonValueKind.Object && responses.TryGetProperty(key, out var found) ? found : null;

        private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
    }
}
