using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Township.Extensions;

/// <summary>The one township this instance serves, fixed at start from <c>Township:Code</c>, with its villages and communities.</summary>
public sealed record CurrentTownship(string Code, string Name, string Slug, IReadOnlyList<Village> Villages)
{
    public static CurrentTownship Resolve(IConfiguration configuration)
    {
        var code = configuration["Township:Code"];
        var county = configuration.GetSection(CountyOptions.Section).Get<CountyOptions>() ?? new CountyOptions();
        var township = county.FindTownship(code)
            ?? throw new InvalidOperationException(
                $"Township:Code '{code}' is not one of the county's townships; a Township instance serves exactly one.");
        return new CurrentTownship(township.Code, township.Name, township.Slug, township.Villages);
    }

    /// <summary>The village's name where a person reads it; the code itself for one the county does not list (e.g. moved away since).</summary>
    public string VillageName(string? code) =>
        Villages.FirstOrDefault(v => string.Equals(v.Code, code, StringComparison.Ordinal))?.Name ?? code ?? "";
}
