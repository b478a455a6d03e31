using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.Demo;

/// <summary>
/// The demo users signed in through the gateway the way scripts and tests do (the Development-only password grant of
/// <c>relief-cli</c>), one client with its access token per user; a user whose token ran out signs in again.
/// </summary>
public sealed class DemoUsersClients(IHttpClientFactory factory, string password) : IDisposable
{
    public const string ClientName = "gateway";

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new(StringComparer.Ordinal);

    public Task<HttpClient> ClientAsync(string user, CancellationToken cancellationToken) =>
        _clients.GetOrAdd(user, u => new Lazy<Task<HttpClient>>(() => SignInAsync(u, cancellationToken))).Value;

    public void SignedOut(string user) => _clients.TryRemove(user, out _);

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            client.Value.Result.Dispose();
        }
    }

    private async Task<HttpClient> SignInAsync(string user, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(ClientName);
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api", ["username"] = user, ["password"] = password,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            SignedOut(user);
            throw new DemoCountyException($"signing in as {user}: {(int)response.StatusCode}", response.StatusCode);
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
