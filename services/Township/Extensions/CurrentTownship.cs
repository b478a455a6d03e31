using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Township.Extensions;

/// <summary>The one township this instance serves, fixed at start from <c>Township:Code</c>.</summary>
public sealed record CurrentTownship(string Code, string Name, string Slug)
{
    public static CurrentTownship Resolve(IConfiguration configuration)
    {
        var code = configuration["Township:Code"];
        var county = configuration.GetSection(CountyOptions.Section).Get<CountyOptions>() ?? new CountyOptions();
        var township = county.FindTownship(code)
            ?? throw new InvalidOperationException(
                $"Township:Code '{code}' is not one of the county's townships; a Township instance serves exactly one.");
        return new CurrentTownship(township.Code, township.Name, township.Slug);
    }
}
