namespace ReliefPlatform.Contracts.Forwarding;

/// <summary>
/// A record a township centre took at its front desk and forwards to a hub service over HTTP (not an integration
/// event: it may hold names, ID numbers or free text, so it never travels through the broker). Typed here, once, so
/// that the centre's queue and the hub's endpoint cannot drift apart unnoticed.
/// </summary>
public interface IForwardedRecord;
