namespace ReliefPlatform.Provider.Domain.Incubations;

/// <summary>A move the incubation does not allow; the message is for the user, in Chinese.</summary>
public sealed class IncubationStateException(string message) : InvalidOperationException(message);
