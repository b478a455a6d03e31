using Microsoft.Extensions.Configuration;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Demo;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Demo;

/// <summary>
/// The demo county's monitoring file: the same seed number gives the same file, another gives another; every row is one
/// the import's own parser accepts; and the county it describes looks like a county's rolls.
/// </summary>
public sealed class DemoHouseholdsTests
{
    private static readonly DateOnly Reference = new(2026, 1, 1);

    private static CountyOptions County() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "AppHost", "appsettings.json")).Build()
            .GetSection(CountyOptions.Section).Get<CountyOptions>()!;

    [Fact]
    public void The_same_seed_number_gives_the_same_file_and_another_gives_another()
    {
        var county = County();
        var first = DemoHouseholds.Csv(DemoHouseholds.Generate(341525, 500, county.Townships, Reference));
        Assert.Equal(first, DemoHouseholds.Csv(DemoHouseholds.Generate(341525, 500, county.Townships, Reference)));
        Assert.NotEqual(first, DemoHouseholds.Csv(DemoHouseholds.Generate(7, 500, county.Townships, Reference)));
    }

    [Fact]
    public void Every_row_passes_the_imports_own_checks_and_the_county_looks_like_a_countys_rolls()
    {
        var county = County();
        var households = DemoHouseholds.Generate(341525, 2_000, county.Townships, Reference);
        var parser = new MonitoringRowParser(county, Reference);
        var errors = new List<RowError>();
        var lines = DemoHouseholds.Csv(households).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DemoHouseholds.Header, lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            var columns = lines[i].Split(',');
            var fields = new string?[MonitoringFields.Count];
            for (var c = 0; c <= (int)MonitoringField.LivingAlone; c++)
            {
                fields[c] = columns[c].Length == 0 ? null : columns[c];
            }

            fields[(int)MonitoringField.RiskSignals] = columns[12].Length == 0 ? null : columns[12];
            Assert.NotNull(parser.Parse(i + 1, fields, errors));
        }

        Assert.Empty(errors);
        var people = households.SelectMany(h => h.Members).ToList();
        Assert.Equal(people.Count, people.Select(p => p.IdNumber).Distinct().Count());
        Assert.InRange(people.Count / (double)households.Count, 2.2, 2.8);
        Assert.Equal(county.Townships.Select(t => t.Code).Order(), households.Select(h => h.TownshipCode).Distinct().Order());
        Assert.All(households, h => Assert.NotNull(county.FindTownship(h.TownshipCode)!.FindVillage(h.VillageCode)));
        var shares = households.GroupBy(h => h.Category).ToDictionary(g => g.Key, g => g.Count() / (double)households.Count);
        Assert.InRange(shares["低保"], 0.45, 0.60);
        Assert.InRange(shares["特困供养"], 0.08, 0.16);
        Assert.True(shares.ContainsKey("低保边缘") && shares.ContainsKey("防返贫监测对象"));
        Assert.All(households.Where(h => h.Category == "特困供养"), h => Assert.True(h.Members[0].Age >= 60));
        Assert.InRange(people.Count(p => p.DisabilityGrade is not null) / (double)people.Count, 0.04, 0.15);
        Assert.InRange(households.Count(h => h.LivingAlone) / (double)households.Count, 0.1, 0.35);
        // Discovery's 住院或大额医疗支出 rule (spending at least half a year's income, or a hospital or major-illness signal) fires for a minority.
        Assert.InRange(households.Count(h => (h.MedicalSpending > 0 && h.MedicalSpending >= h.MonthlyIncome * 12 * 0.5) || h.Signals is "住院" or "大病") / (double)households.Count, 0.05, 0.2);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }
}
