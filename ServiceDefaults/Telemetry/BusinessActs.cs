using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// The business acts of a household's story (registered, assessed, planned, ordered, …) as an operator finds them in the
/// dashboard: the span that does the act is named by it and tagged with the household's id, and a structured log
/// record says the same — ids and codes only, never a name.
/// </summary>
public static partial class BusinessActs
{
    /// <summary>The ActivitySource background work starts its acts on (registered with the "ReliefPlatform.*" sources).</summary>
    public static readonly ActivitySource Source = new("ReliefPlatform.Acts");

    public const string ActTag = "relief.act";
    public const string HouseholdTag = "relief.household_id";
    public const string LogCategory = "ReliefPlatform.Acts";

    /// <summary>
    /// Names the current span (the request or message handling the act) after the act, tags it with the household and
    /// logs the act with the household's id.
    /// </summary>
    public static void Record(ILoggerFactory loggers, string act, Guid householdId)
    {
        if (Activity.Current is { } span)
        {
            span.DisplayName = act;
            span.SetTag(ActTag, act);
            span.SetTag(HouseholdTag, householdId.ToString());
        }

        var logger = loggers.CreateLogger(LogCategory);
        LogAct(logger, act, householdId);
    }

    /// <summary>At the end of a request: the span of a request that did an act takes the act's name.</summary>
    public static void NameByAct(Activity span, Microsoft.AspNetCore.Http.HttpResponse response)
    {
        if (span.GetTagItem(ActTag) is string act)
        {
            span.DisplayName = act;
        }
    }

    /// <summary>A span of background work named by its act, e.g. a township forwarding what it captured; null when nobody listens.</summary>
    public static Activity? Start(string act) => Source.StartActivity(act, ActivityKind.Internal);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Act}: household {HouseholdId}")]
    private static partial void LogAct(ILogger logger, string act, Guid householdId);
}
