using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// One pass of the relay: claims a batch of due rows (FOR UPDATE SKIP LOCKED, so replicas never share a
/// row), publishes them with their confirms awaited concurrently, and in the same transaction marks the
/// confirmed rows dispatched and schedules the failed ones for a retry with exponential backoff. A crash
/// anywhere before commit leaves every row undispatched, so it is published again — consumers' inboxes
/// make that second delivery harmless.
/// </summary>
public sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IOutboxPublisher publisher,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDbContext>> logger) where TDbContext : DbContext
{
    internal static readonly ActivitySource ActivitySource = new("ReliefPlatform.Messaging.Outbox");

    private const string ClaimSql = """
        SELECT id, type, payload, trace_parent, trace_state, attempts
        FROM outbox_messages
        WHERE dispatched_at IS NULL AND next_attempt_at <= now()
        ORDER BY sequence
        LIMIT @batch
        FOR UPDATE SKIP LOCKED
        """;

    private const string MarkDispatchedSql = "UPDATE outbox_messages SET dispatched_at = now() WHERE id = ANY(@ids)";

    private const string ScheduleRetrySql = """
        UPDATE outbox_messages AS m
        SET attempts = m.attempts + 1,
            next_attempt_at = now() + make_interval(secs => LEAST(@maxDelay, power(2, m.attempts))),
            last_error = f.error
        FROM unnest(@ids, @errors) AS f(id, error)
        WHERE m.id = f.id
        """;

    private const string SweepSql = """
        DELETE FROM outbox_messages WHERE dispatched_at < now() - @retention;
        DELETE FROM inbox_messages WHERE received_at < now() - @retention;
        """;

    private const string SweepIdempotencyKeysSql = "DELETE FROM idempotency_keys WHERE created_at < now() - @retention;";

    /// <summary>Publishes one batch; returns how many rows it claimed (0 when nothing is due).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var _ = await OpenAsync(db, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        List<PendingMessage> batch;
        using (SuppressInstrumentationScope.Begin())
        {
            batch = await ClaimAsync(connection, transaction, cancellationToken);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        // One deadline for the batch's confirms (they are awaited together), not a timer per row.
        using var confirmsDue = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirmsDue.CancelAfter(options.Value.PublishTimeout);
        var outcomes = await Task.WhenAll(batch.Select(m => PublishAsync(m, confirmsDue.Token, cancellationToken)));

        var confirmed = outcomes.Where(o => o.Error is null).Select(o => o.Id).ToArray();
        if (confirmed.Length == 0 && outcomes.Any(o => o.Unpublished))
        {
            // Nothing got through: the broker (or our way to it) is down, not these rows. No row's backoff grows (a row's
            // backoff is for a row that fails while others pass); the transaction rolls back, every row stays due, and the
            // relay tries again within seconds, so the county's backlog goes out as soon as the broker is back — not up to
            // MaxRetryDelay later.
            throw new BrokerUnavailableException(batch.Count, outcomes.First(o => o.Unpublished).Error!);
        }

        await using (var mark = new NpgsqlCommand(MarkDispatchedSql, connection, transaction))
        {
            mark.Parameters.AddWithValue("ids", confirmed);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        var failed = outcomes.Where(o => o.Error is not null).ToArray();
        if (failed.Length > 0)
        {
            // One statement for the whole batch: when the broker is down, every row of it fails.
            await using var retry = new NpgsqlCommand(ScheduleRetrySql, connection, transaction);
            retry.Parameters.AddWithValue("ids", failed.Select(o => o.Id).ToArray());
            retry.Parameters.AddWithValue("errors", failed.Select(o => o.Error!).ToArray());
            retry.Parameters.AddWithValue("maxDelay", options.Value.MaxRetryDelay.TotalSeconds);
            await retry.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        if (confirmed.Length < batch.Count)
        {
            LogPublishFailures(logger, batch.Count - confirmed.Length, batch.Count);
        }

        return batch.Count;
    }

    /// <summary>Deletes dispatched outbox rows, inbox records and request idempotency keys older than the retention period.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var _ = await OpenAsync(db, cancellationToken);
        var keepsRequestKeys = db.Model.FindEntityType(typeof(Inbox.IdempotencyKeyRecord)) is not null;
        await using var sweep = new NpgsqlCommand(keepsRequestKeys ? SweepSql + SweepIdempotencyKeysSql : SweepSql, connection);
        sweep.Parameters.AddWithValue("retention", options.Value.Retention);
        await sweep.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IAsyncDisposable> OpenAsync(TDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new ConnectionCloser(db);
    }

    private async Task<List<PendingMessage>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(ClaimSql, connection, transaction);
        claim.Parameters.AddWithValue("batch", options.Value.BatchSize);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        var batch = new List<PendingMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new PendingMessage(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return batch;
    }

    private async Task<Outcome> PublishAsync(PendingMessage message, CancellationToken confirmsDue, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that wrote the row, so one trace spans request → relay → consumer.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = ActivitySource.StartActivity("outbox publish", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("messaging.message.type", message.Type);
        var publishing = false;
        try
        {
            if (!IntegrationEventTypes.TryResolve(message.Type, out var type))
            {
                return new Outcome(message.Id, $"Unknown event type {message.Type}", Unpublished: false);
            }

            var payload = IntegrationEventTypes.Deserialize(message.Payload, type);
            // From here a failure is the broker's (or the way to it), not the row's: a row that cannot even be read keeps
            // its own backoff, so one bad row alone never passes for a broker outage.
            publishing = true;
            await publisher.PublishAsync(message.Id, payload, type, cancellationToken).WaitAsync(confirmsDue);
            return new Outcome(message.Id, null, Unpublished: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            // Broker and serializer errors carry no payload text; keep the row's error short.
            return new Outcome(message.Id, $"{ex.GetType().Name}: {Truncate(ex.Message, 500)}", Unpublished: publishing);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish {Failed} of {Claimed} messages; they will be retried with backoff")]
    private static partial void LogPublishFailures(ILogger logger, int failed, int claimed);

    private sealed record PendingMessage(Guid Id, string Type, string Payload, string? TraceParent, string? TraceState);

    /// <param name="Unpublished">The broker did not take or confirm it (as against a row that cannot be published at all).</param>
    private sealed record Outcome(Guid Id, string? Error, bool Unpublished);

    private sealed class ConnectionCloser(TDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
    }
}
