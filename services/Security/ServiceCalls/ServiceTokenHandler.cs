using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Security.ServiceCalls;

/// <summary>
/// Puts a client-credentials access token, valid only at the called service, on every request to it. Tokens are
/// cached until a minute before they expire, so a busy consumer does not ask Identity for one per call.
/// </summary>
public sealed class ServiceTokenHandler(IHttpClientFactory clients, IOptions<ServiceClientOptions> options, TimeProvider time, string audience) : DelegatingHandler
{
    public const string IdentityClient = "relief-identity";

    private static readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> Tokens = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (Tokens.TryGetValue(audience, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Token;
        }

        var secret = options.Value.Secret
            ?? throw new InvalidOperationException("ServiceClient:Secret is not set; the AppHost hands it to every service.");
        using var response = await clients.CreateClient(IdentityClient).PostAsync(new Uri(SignInOrigin.IdentityAddress, "connect/token"), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ServiceClientOptions.ClientId,
                ["client_secret"] = secret,
                ["scope"] = ReliefClaims.ApiScope,
                ["relief_audience"] = audience,
            }), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = body.RootElement.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300;
        Tokens[audience] = (token, time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
        return token;
    }
}
