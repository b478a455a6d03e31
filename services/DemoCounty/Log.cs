using Microsoft.Extensions.Logging;

namespace ReliefPlatform.Demo;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The demo county is already filled (import {FileName} completed); nothing to do")]
    public static partial void AlreadyFilled(this ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo county phase {Phase}: {Name} …")]
    public static partial void PhaseStarted(this ILogger logger, int phase, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo county phase {Phase}: {Name} done in {Seconds} s ({Counts})")]
    public static partial void PhaseDone(this ILogger logger, int phase, string name, double seconds, string counts);

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo county is filled in {Seconds} s: {Counts}")]
    public static partial void Filled(this ILogger logger, double seconds, string counts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo county import: {People} people in {Households} households, {Refused} refused, {Alerts} alerts")]
    public static partial void Imported(this ILogger logger, long people, int households, long refused, long alerts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo county: {Call}")]
    public static partial void CallRefused(this ILogger logger, string call);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo county could not be filled: {Reason}")]
    public static partial void Failed(this ILogger logger, string reason);
}
