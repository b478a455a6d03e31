using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Township.Infrastructure;

/// <summary>What the hub's registry answered to a look-up by ID number.</summary>
public sealed record HubLookupAnswer(Guid? HouseholdId, string? TownshipCode, bool Unreachable);

/// <summary>
/// Finds a household by a member's ID number at the hub's registry (its keyed blind index; the centre keeps no ID numbers)
/// — as the signed-in person, with their own access token, so the registry's wall and its audit of the look-up are theirs.
/// </summary>
public sealed partial class HubHouseholdLookup(IHttpClientFactory clients, ILogger<HubHouseholdLookup> logger)
{
    /// <summary>The registry without the services' own token: each request carries the person's.</summary>
    public const string Client = "assessment-as-user";

    private sealed record Found(Guid Id, string TownshipCode);

    public async Task<HubLookupAnswer> FindAsync(string idNumber, string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessment/households/lookup") { Content = JsonContent.Create(new { idNumber }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await clients.CreateClient(Client).SendAsync(request, timeout.Token);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                return new HubLookupAnswer(null, null, false);
            }

            response.EnsureSuccessStatusCode();
            var found = await response.Content.ReadFromJsonAsync<Found>(timeout.Token);
            return new HubLookupAnswer(found?.Id, found?.TownshipCode, false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
            && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.GetType().Name);
            return new HubLookupAnswer(null, null, true);
        }
    }

    public static void AddTo(IHostApplicationBuilder builder) =>
        builder.Services.AddHttpClient(Client, client => client.BaseAddress = new Uri($"https+http://{ResourceNames.Assessment}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A look-up by ID number could not reach the hub's registry ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
