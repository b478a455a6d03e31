using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Township.Infrastructure;

/// <summary>The names people read for the codes and ids the hub's events carry: catalogue items and providers.</summary>
public sealed record HubNameBook(IReadOnlyDictionary<string, string> Items, IReadOnlyDictionary<string, string> Providers)
{
    public static readonly HubNameBook Empty = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>The item's name in the catalogue in force; its code when the hub has not told us.</summary>
    public string Item(string code) => Items.GetValueOrDefault(code, code);

    /// <summary>The provider's name; its id when the hub has not told us.</summary>
    public string Provider(string id) => Providers.GetValueOrDefault(id, id);
}

/// <summary>
/// Reads item names from the catalogue in force and provider names from the provider registry (as the county's services)
/// and keeps them ten minutes. When the hub cannot be reached the pages show codes instead — they never wait for the hub.
/// </summary>
public sealed partial class HubNames(IHttpClientFactory clients, IMemoryCache cache, ILogger<HubNames> logger)
{
    private sealed record CatalogueItem(string Code, string NameZh);

    private sealed record CatalogueEntry(CatalogueItem Item);

    private sealed record Catalogue(IReadOnlyList<CatalogueEntry> Items);

    private sealed record ProviderName(Guid Id, string Name);

    public async Task<HubNameBook> CurrentAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue<HubNameBook>(nameof(HubNames), out var known) && known is not null)
        {
            return known;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var catalogue = clients.CreateClient(ResourceNames.Catalogue).GetFromJsonAsync<Catalogue>("/api/catalogue/current", timeout.Token);
            var providers = clients.CreateClient(ResourceNames.Provider).GetFromJsonAsync<List<ProviderName>>("/api/provider/providers", timeout.Token);
            var book = new HubNameBook(
                ((await catalogue)?.Items ?? []).Select(i => i.Item).DistinctBy(i => i.Code).ToDictionary(i => i.Code, i => i.NameZh, StringComparer.Ordinal),
                ((await providers) ?? []).ToDictionary(p => p.Id.ToString(), p => p.Name, StringComparer.Ordinal));
            return cache.Set(nameof(HubNames), book, TimeSpan.FromMinutes(10));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
            && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.GetType().Name);
            // Not asked again for a minute: a page shows codes rather than wait for an unreachable hub on every request.
            return cache.Set(nameof(HubNames), HubNameBook.Empty, TimeSpan.FromMinutes(1));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item and provider names could not be read from the hub ({Error}); the pages show codes")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
