namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>One series of a chart: its name (the legend) and a value per label; none where there is nothing to measure.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);
