using Npgsql;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// Events a service already sent, found again in its outbox (dispatched rows are kept for <see cref="OutboxOptions.Retention"/>)
/// and sent once more with their original message ids: a consumer whose inbox still holds the id drops it, one that lost
/// it — its database restored to an earlier point — applies it. How a county catches up after restoring one service.
/// </summary>
public static class OutboxRedelivery
{
    /// <summary>An event in the outbox: its message id, the key it was found by, and when it was written and sent.</summary>
    public sealed record Sent(Guid MessageId, string Key, DateTimeOffset CreatedAt, DateTimeOffset? DispatchedAt);

    /// <summary>
    /// Every <paramref name="eventType"/> event in the outbox, by the value of its payload's <paramref name="key"/> property
    /// (camelCase, as the payload is written) — or, with <paramref name="array"/>, of that property of each element of
    /// the payload's array (a batch event names many keys). The earliest event of each key is kept.
    /// </summary>
    public static async Task<Dictionary<string, Sent>> FindAsync(
        NpgsqlConnection connection, Type eventType, string key, string? array = null, CancellationToken cancellationToken = default)
    {
        var sql = array is null
            ? "SELECT id, payload::jsonb ->> @key, created_at, dispatched_at FROM outbox_messages WHERE type = @type ORDER BY sequence"
            : """
              SELECT m.id, e ->> @key, m.created_at, m.dispatched_at
              FROM outbox_messages m, jsonb_array_elements(m.payload::jsonb -> @array) e
              WHERE m.type = @type ORDER BY m.sequence
              """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("type", IntegrationEventTypes.NameOf(eventType));
        command.Parameters.AddWithValue("key", key);
        if (array is not null)
        {
            command.Parameters.AddWithValue("array", array);
        }

        var found = new Dictionary<string, Sent>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                found.TryAdd(reader.GetString(1), new Sent(
                    reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return found;
    }

    /// <summary>Sends these outbox rows again (the service's relay picks them up within a second); returns how many were found.</summary>
    public static async Task<int> RedeliverAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE outbox_messages SET dispatched_at = NULL, next_attempt_at = now(), attempts = 0, last_error = NULL WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", messageIds.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
