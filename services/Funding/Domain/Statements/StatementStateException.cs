namespace ReliefPlatform.Funding.Domain.Statements;

/// <summary>An act on a statement its state forbids (answered 409 with the reason).</summary>
public sealed class StatementStateException(string message) : InvalidOperationException(message);
