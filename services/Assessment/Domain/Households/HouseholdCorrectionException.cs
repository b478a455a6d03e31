namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>A correction the household's state does not allow; the message is for staff (zh-CN) and names no person.</summary>
public sealed class HouseholdCorrectionException(string message) : InvalidOperationException(message);
