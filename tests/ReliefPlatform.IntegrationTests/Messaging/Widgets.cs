using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>A test-only event with an exchange of its own, so these tests never reach the county's services.</summary>
public sealed record WidgetRegistered(Guid WidgetId, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed record WidgetRejected(Guid WidgetId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An event about a widget that must be registered first (its prerequisite).</summary>
public sealed record WidgetPainted(Guid WidgetId, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class Widget
{
    public Guid Id { get; set; }
}

/// <summary>The consumer's effect: one row per applied message.</summary>
public sealed class WidgetSeen
{
    public Guid WidgetId { get; set; }
}

public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<WidgetSeen> Seen => Set<WidgetSeen>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>().HasKey(w => w.Id);
        // No primary key on the effect table, so a second application would show as a second row.
        modelBuilder.Entity<WidgetSeen>().HasNoKey().ToTable("widget_seen");
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>What the consumers saw, shared with the test.</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<Guid> Deliveries { get; } = new();

    public ConcurrentQueue<ActivityTraceId> EffectTraces { get; } = new();

    private int _poisonAttempts;

    public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);

    private volatile bool _poisonCured;

    public bool PoisonCured { get => _poisonCured; set => _poisonCured = value; }

    public void PoisonAttempted() => Interlocked.Increment(ref _poisonAttempts);

    private int _paintAttempts;

    public int PaintAttempts => Volatile.Read(ref _paintAttempts);

    public void PaintAttempted() => Interlocked.Increment(ref _paintAttempts);
}

public sealed class WidgetRegisteredConsumer(WidgetDbContext db, DeliveryLog log, ILogger<WidgetRegisteredConsumer> logger)
    : IdempotentConsumer<WidgetRegistered, WidgetDbContext>(db, logger)
{
    protected override bool ShouldHandle(WidgetRegistered message)
    {
        log.Deliveries.Enqueue(message.WidgetId);
        return true;
    }

    protected override async Task HandleAsync(WidgetRegistered message, CancellationToken cancellationToken)
    {
        log.EffectTraces.Enqueue(Activity.Current?.TraceId ?? default);
        await Db.Database.ExecuteSqlAsync($"INSERT INTO widget_seen (\"WidgetId\") VALUES ({message.WidgetId})", cancellationToken);
    }
}

/// <summary>Fails every time until the test "fixes the cause".</summary>
public sealed class WidgetRejectedConsumer(DeliveryLog log) : IConsumer<WidgetRejected>
{
    public Task Consume(ConsumeContext<WidgetRejected> context)
    {
        log.PoisonAttempted();
        return log.PoisonCured ? Task.CompletedTask : throw new InvalidOperationException("Widget cannot be processed.");
    }
}

/// <summary>Applies a painting only to a widget it knows; before the widget is registered, the painting waits.</summary>
public sealed class WidgetPaintedConsumer(WidgetDbContext db, DeliveryLog log) : IConsumer<WidgetPainted>
{
    public async Task Consume(ConsumeContext<WidgetPainted> context)
    {
        log.PaintAttempted();
        if (!await db.Widgets.AnyAsync(w => w.Id == context.Message.WidgetId, context.CancellationToken))
        {
            throw new PrerequisiteNotArrivedException("WidgetPainted arrived before its widget's registration; it waits for it.");
        }

        await db.Database.ExecuteSqlAsync($"INSERT INTO widget_seen (\"WidgetId\") VALUES ({context.Message.WidgetId})", context.CancellationToken);
    }
}
