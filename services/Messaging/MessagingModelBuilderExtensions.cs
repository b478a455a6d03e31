using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Adds the outbox and inbox tables to a service's own model, so they migrate with it.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.Type).HasColumnName("type").HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(1000);
            outbox.Property(m => m.DispatchedAt).HasColumnName("dispatched_at");
            outbox.HasIndex(m => m.Sequence).HasDatabaseName("ix_outbox_messages_pending").HasFilter("dispatched_at IS NULL");
            outbox.HasIndex(m => m.DispatchedAt).HasDatabaseName("ix_outbox_messages_dispatched_at");
        });

        modelBuilder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(r => new { r.Consumer, r.MessageId });
            inbox.Property(r => r.Consumer).HasColumnName("consumer").HasMaxLength(300);
            inbox.Property(r => r.MessageId).HasColumnName("message_id");
            inbox.Property(r => r.ReceivedAt).HasColumnName("received_at");
            inbox.HasIndex(r => r.ReceivedAt).HasDatabaseName("ix_inbox_messages_received_at");
        });

        return modelBuilder;
    }

    /// <summary>
    /// Adds the table of request idempotency keys (<see cref="IdempotencyKeyFilter"/>) to a service whose endpoints
    /// accept an <c>Idempotency-Key</c>: the key, its caller, operation, request fingerprint and first answer.
    /// </summary>
    public static ModelBuilder AddIdempotencyKeys(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyKeyRecord>(keys =>
        {
            keys.ToTable(IdempotencyKeyFilter.Table);
            keys.HasKey(k => k.Key);
            keys.Property(k => k.Key).HasColumnName("key").ValueGeneratedNever();
            keys.Property(k => k.Caller).HasColumnName("caller").HasMaxLength(200);
            keys.Property(k => k.Operation).HasColumnName("operation").HasMaxLength(200);
            keys.Property(k => k.Fingerprint).HasColumnName("fingerprint").HasMaxLength(64);
            keys.Property(k => k.Status).HasColumnName("status");
            keys.Property(k => k.ContentType).HasColumnName("content_type").HasMaxLength(200);
            keys.Property(k => k.Location).HasColumnName("location").HasMaxLength(2000);
            keys.Property(k => k.Answer).HasColumnName("answer");
            keys.Property(k => k.CreatedAt).HasColumnName("created_at");
            keys.HasIndex(k => k.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
        });

        return modelBuilder;
    }
}
