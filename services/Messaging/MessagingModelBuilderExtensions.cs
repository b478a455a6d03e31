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
}
