using Npgsql;
using NpgsqlTypes;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// Writes many outbox rows with one binary COPY, for bulk work (imports) that changes thousands of records in one
/// transaction. Same rows as the interceptor writes, so the relay publishes them alike; call
/// <see cref="OutboxSignal.Notify"/> after the transaction commits.
/// </summary>
public static class OutboxBulkWriter
{
    public static async Task<int> CopyAsync(NpgsqlConnection connection, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (id, type, payload, trace_parent, trace_state, created_at, next_attempt_at, attempts) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var message in messages)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(message.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(message.Type, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(message.Payload, NpgsqlDbType.Jsonb, cancellationToken);
            await WriteNullableAsync(writer, message.TraceParent, cancellationToken);
            await WriteNullableAsync(writer, message.TraceState, cancellationToken);
            await writer.WriteAsync(message.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(message.NextAttemptAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(message.Attempts, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
        return messages.Count;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }
}
