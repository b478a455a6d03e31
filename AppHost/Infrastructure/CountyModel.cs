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

        foreach (var township in county.Townships)
        {
            CheckVillages(township);
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

    /// <summary>A township without villages, or a village code that is not 12 digits under its township, stops the AppHost.</summary>
    private static void CheckVillages(Township township)
    {
        if (township.Villages.Count == 0)
        {
            throw new InvalidOperationException($"County:Townships lists no villages for township {township.Code}: every household lives in one.");
        }

        foreach (var village in township.Villages)
        {
            if (village.Code is not { Length: 12 } || !village.Code.All(char.IsAsciiDigit) || !village.Code.StartsWith(township.Code, StringComparison.Ordinal)
                || string.IsNullOrWhiteSpace(village.Name))
            {
                throw new InvalidOperationException(
                    $"County:Townships: village '{village.Code}' of township {township.Code} needs a 12-digit code starting with the township's and a name.");
            }
        }

        if (township.Villages.Select(v => v.Code).Distinct(StringComparer.Ordinal).Count() != township.Villages.Count)
        {
            throw new InvalidOperationException($"County:Townships lists a village code twice in township {township.Code}.");
        }
    }
}
