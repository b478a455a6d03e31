namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>A move the provider lifecycle does not allow; the message is for the user, in Chinese.</summary>
public sealed class ProviderStateException(string message) : InvalidOperationException(message);
