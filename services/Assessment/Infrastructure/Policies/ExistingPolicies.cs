using System.Net.Http.Json;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Assessment.Infrastructure.Policies;

/// <summary>
/// The county's existing policies and social insurances (长期护理保险, 残疾人两项补贴 …) a member may already receive. They
/// are Catalogue's <c>policy</c> vocabulary — the one list the catalogue's overlap rules name, which county administrators
/// extend as data — read as the county's services, so a benefit recorded here is always one matching understands.
/// </summary>
public sealed class ExistingPolicies(IHttpClientFactory clients)
{
    private const string Kind = "policy";

    /// <summary>Code → Chinese name, in the vocabulary's order.</summary>
    public async Task<IReadOnlyList<ExistingPolicy>> ListAsync(CancellationToken cancellationToken) =>
        await clients.CreateClient(ResourceNames.Catalogue)
            .GetFromJsonAsync<List<ExistingPolicy>>($"/api/catalogue/vocabulary?kind={Kind}", cancellationToken)
        ?? [];
}

public sealed record ExistingPolicy(string Code, string NameZh);
