using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Township.Infrastructure;

/// <summary>The hub's current assessment instrument, as much of it as a visit form needs.</summary>
public sealed record VisitInstrument(int Version, IReadOnlyList<VisitDimension> Dimensions)
{
    public IEnumerable<VisitIndicator> Indicators => Dimensions.SelectMany(d => d.Indicators);

    /// <summary>Field errors of a set of answers: every indicator answered, one option unless several are allowed, and only its own options.</summary>
    public Dictionary<string, string[]> Check(IReadOnlyDictionary<string, string[]> answers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var indicator in Indicators)
        {
            var chosen = answers.GetValueOrDefault(indicator.Code) ?? [];
            if (chosen.Length == 0 || (!indicator.Multiple && chosen.Length > 1) || chosen.Any(c => indicator.Options.All(o => o.Code != c)))
            {
                errors[$"answers.{indicator.Code}"] = [$"请回答“{indicator.Name}”{(indicator.Multiple ? "（可多选）" : "（单选）")}。"];
            }
        }

        return errors;
    }
}

public sealed record VisitDimension(string Code, string Name, IReadOnlyList<VisitIndicator> Indicators);

public sealed record VisitIndicator(string Code, string Name, bool Multiple, IReadOnlyList<VisitOption> Options);

public sealed record VisitOption(string Code, string Label);

/// <summary>
/// Reads the instrument from Assessment (as the county's services) and keeps it ten minutes; null when the hub cannot
/// be reached — the visit form then takes the visit without an assessment, which never waits for the hub.
/// </summary>
public sealed partial class HubInstrument(IHttpClientFactory clients, IMemoryCache cache, ILogger<HubInstrument> logger)
{
    public async Task<VisitInstrument?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue<VisitInstrument>(nameof(HubInstrument), out var known))
        {
            return known;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var instrument = await clients.CreateClient(ResourceNames.Assessment)
                .GetFromJsonAsync<VisitInstrument>("/api/assessment/instruments/current", timeout.Token);
            return instrument is null ? null : cache.Set(nameof(HubInstrument), instrument, TimeSpan.FromMinutes(10));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
            && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The assessment instrument could not be read from the hub ({Error}); visits are taken without assessments")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
