namespace ReliefPlatform.Messaging.Outbox;

/// <summary>Wakes the relay as soon as a transaction with outbox rows commits; it polls anyway for rows whose retry time has come.</summary>
public sealed class OutboxSignal : WakeSignal;
