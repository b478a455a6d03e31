using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.Authorization;
using ReliefPlatform.Portal.SignIn;

namespace ReliefPlatform.Portal.Hub;

/// <summary>
/// The hub's APIs through the gateway, as the signed-in user (their own access token, refreshed when due): whatever
/// the API refuses this user, the portal cannot show them either.
/// </summary>
internal sealed class HubClient(HttpClient http, AuthenticationStateProvider authentication, SessionTokens tokens)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    /// <summary>Posts a file as the multipart field <c>file</c>, as the hub's upload endpoints take it.</summary>
    public Task<ApiResult<T>> PostFileAsync<T>(string path, byte[] file, string contentType, CancellationToken cancellationToken = default)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { part, "file", "upload" } };
        return SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var token = await tokens.AccessTokenAsync((await authentication.GetAuthenticationStateAsync()).User, cancellationToken);
            if (token is null)
            {
                return new ApiResult<T>(default, HttpStatusCode.Unauthorized, null);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The gateway or the service did not answer: the page says so instead of losing the user's circuit.
                return new ApiResult<T>(default, HttpStatusCode.ServiceUnavailable, null);
            }

            using var _ = response;
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiResult<T>(value, response.StatusCode, null);
            }

            ApiProblem? problem = null;
            if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
            {
                problem = ApiProblem.Read(await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return new ApiResult<T>(default, response.StatusCode, problem);
        }
    }
}

/// <summary>An API's answer: the value, or the status and problem+json it refused with.</summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, ApiProblem? Problem) : IApiState
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>The API would not show this to this user (another township's household, a role without the right).</summary>
    public bool Refused => Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    public bool SignedOut => Status == HttpStatusCode.Unauthorized;
}

/// <summary>How an API call ended, for the pages' common states (loading, refused, signed out, failed).</summary>
public interface IApiState
{
    bool Succeeded { get; }

    bool Refused { get; }

    bool SignedOut { get; }

    ApiProblem? Problem { get; }
}

/// <summary>RFC 9457 problem details, with the field-level messages the APIs give in Chinese.</summary>
public sealed record ApiProblem(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors)
{
    /// <summary>
    /// The problem's members, read one by one: an API may add an extension that shadows a standard member (a statement's
    /// refusal carries <c>"status": "Draft"</c> beside the HTTP status), and that must not cost the user the API's message.
    /// </summary>
    public static ApiProblem? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            int? status = null;
            Dictionary<string, string[]>? errors = null;
            foreach (var member in root.EnumerateObject())
            {
                if (member.NameEquals("status") && member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var code))
                {
                    status = code;
                }
                else if (member.NameEquals("errors") && member.Value.ValueKind == JsonValueKind.Object)
                {
                    errors = member.Value.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.ValueKind == JsonValueKind.Array
                        ? [.. e.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!)]
                        : Array.Empty<string>());
                }
            }

            return new ApiProblem(Text("title"), Text("detail"), status, errors);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The first message for a field, matched case-insensitively (the APIs name fields as <c>members[0].idNumber</c>).</summary>
    public string? For(string field) =>
        Errors?.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
