using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.Demo;

/// <summary>
/// The county's APIs through the gateway, as one demo user at a time: waits out the gateway's rate limit (429 with
/// Retry-After) and a restarting service (502/503), and says which call failed with its status — never the body, which
/// may echo names or ID numbers.
/// </summary>
public sealed class CountyApi(Func<string, CancellationToken, Task<HttpClient>> clientFor, Action<string>? signedOut = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonElement> GetAsync(string user, string path, CancellationToken cancellationToken) =>
        await ReadAsync(await SendAsync(user, HttpMethod.Get, path, null, cancellationToken, HttpStatusCode.OK), cancellationToken);

    public async Task<JsonElement> PostAsync(string user, string path, object? body, CancellationToken cancellationToken, params HttpStatusCode[] expected) =>
        await ReadAsync(await SendAsync(user, HttpMethod.Post, path, body, cancellationToken, expected.Length > 0 ? expected : [HttpStatusCode.OK, HttpStatusCode.Created]), cancellationToken);

    public async Task<JsonElement> PutAsync(string user, string path, object? body, CancellationToken cancellationToken) =>
        await ReadAsync(await SendAsync(user, HttpMethod.Put, path, body, cancellationToken, HttpStatusCode.OK), cancellationToken);

    /// <summary>Sends and returns the response when its status is among <paramref name="expected"/>; throws otherwise.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string user, HttpMethod method, string path, object? body, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            var client = await clientFor(user, cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            if (body is Func<HttpContent> content)
            {
                request.Content = content();
            }
            else if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }

            var response = await client.SendAsync(request, cancellationToken);
            if (expected.Contains(response.StatusCode))
            {
                return response;
            }

            var status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized && signedOut is not null && attempt < 3)
            {
                // The access token ran out during a long fill: sign in again.
                response.Dispose();
                signedOut(user);
                continue;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Min(attempt, 5));
            var title = await TitleAsync(response, cancellationToken);
            response.Dispose();
            // Waited out: the user's rate limit, and a service restarting behind the gateway (never a refusal of the content).
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                && attempt < 30)
            {
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            throw new DemoCountyException($"{method} {PathOnly(path)} as {user}: {(int)status} {title}", status);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (response.Content.Headers.ContentLength == 0)
            {
                return default;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
        }
    }

    /// <summary>A problem's title only (titles are fixed Chinese sentences; details and field errors may quote the input).</summary>
    private static async Task<string> TitleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var fields = problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? string.Join(",", e.EnumerateObject().Select(p => p.Name)) : "";
            return fields.Length > 0 ? $"{title} (fields: {fields})" : title ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
        catch (NotSupportedException)
        {
            return "";
        }
    }

    private static string PathOnly(string path) => path.Split('?')[0];
}

public sealed class DemoCountyException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
