using ReliefPlatform.Portal.Hub;

namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>Providers' names for the ids Funding keeps (a contract's or statement's provider); an id the user may not read stays an id.</summary>
internal sealed class ProviderNames(IReadOnlyDictionary<string, string> names)
{
    public static readonly ProviderNames None = new(new Dictionary<string, string>());

    public string Name(string providerId) => names.GetValueOrDefault(providerId, providerId);

    public static async Task<ProviderNames> LoadAsync(HubClient hub) =>
        new((await hub.GetAsync<List<ProviderSummary>>("/api/provider/providers")).Value?.ToDictionary(p => p.Id.ToString(), p => p.Name) ?? []);
}
