using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>Township and village names from the county's configuration (the same seed data every service reads).</summary>
internal sealed class CountyNames(IOptions<CountyOptions> county)
{
    public IReadOnlyList<Township> Townships => county.Value.Townships;

    public string Township(string code) => county.Value.FindTownship(code)?.Name ?? code;

    /// <summary>The township's villages and communities to choose from; none before a township is chosen.</summary>
    public IReadOnlyList<Village> Villages(string? townshipCode) => county.Value.FindTownship(townshipCode)?.Villages ?? [];

    public string Village(string code) => county.Value.FindVillage(code)?.Name ?? code;
}
