namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>A training record the rules do not allow; the message is for the user, in Chinese.</summary>
public sealed class TrainingRuleException(string message) : InvalidOperationException(message);
