using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Messaging.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Stages an integration event in this context's outbox. It is written by the same SaveChanges (and
    /// transaction) as the state change, and published by the relay after commit.
    /// </summary>
    public static void AddIntegrationEvent<TEvent>(this DbContext db, TEvent @event) where TEvent : class, IIntegrationEvent =>
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(@event, Activity.Current));
}
