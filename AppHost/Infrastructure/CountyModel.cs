using Microsoft.Extensions.Configuration;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>The county's seed data from configuration, and which township centres this run starts.</summary>
internal sealed record CountyModel(CountyOptions County, IReadOnlyList<Township> Running)
{
    /// <summary>
    /// Reads <c>County</c> and <c>Townships:Run</c> (comma-separated slugs or codes, or <c>all</c>).
    /// An unknown township in the list stops the AppHost rather than being skipped.
    /// </summary>
    public static CountyModel Read(IConfiguration configuration)
    {
        var county = configuration.GetSection(CountyOptions.Section).Get<CountyOptions>()
            ?? throw new InvalidOperationException("Configuration section 'County' is missing; it holds the townships.");
        if (county.Townships.Count == 0)
        {
            throw new InvalidOperationException("Configuration 'County:Townships' lists no townships.");
        }

        var run = configuration["Townships:Run"] ?? "";
        if (string.Equals(run.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return new CountyModel(county, county.Townships);
        }

        var running = new List<Township>();
        foreach (var wanted in run.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var township = county.Townships.Find(t => t.Slug == wanted || t.Code == wanted)
                ?? throw new InvalidOperationException(
                    $"Townships:Run names '{wanted}', which is not a township in County:Townships (use a slug or a code).");
            if (!running.Contains(township))
            {
                running.Add(township);
            }
        }

        return new CountyModel(county, running);
    }
}
