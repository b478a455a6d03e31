using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>Township names from the county's configuration (the same seed data every service reads).</summary>
internal sealed class CountyNames(IOptions<CountyOptions> county)
{
    public IReadOnlyList<Township> Townships => county.Value.Townships;

    public string Township(string code) => county.Value.FindTownship(code)?.Name ?? code;
}
