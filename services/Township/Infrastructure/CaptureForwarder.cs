using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.Telemetry;
using ReliefPlatform.Township.Domain.Captures;

namespace ReliefPlatform.Township.Infrastructure;

/// <summary>
/// Forwards the front desk's captures to the hub: each household's in the order they were taken (a household's
/// next capture waits until the one before it got through), each with its id as the Idempotency-Key so a retry
/// after a lost answer is applied once. When the link is down it backs off and tries again, for as long as it
/// takes; nothing accepted is dropped. A refusal by the hub is final: the capture is kept as a conflict and shown.
/// </summary>
public sealed partial class CaptureForwarder(
    IServiceScopeFactory scopes, IHttpClientFactory clients, CaptureSignal signal, TimeProvider time, ILogger<CaptureForwarder> logger) : BackgroundService
{
    public static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);
    private const int Window = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await ForwardDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The township's own database is unreachable: nothing to forward from until it returns.
                LogPassFailed(logger, ex);
                wait = IdlePoll;
            }

            if (wait > TimeSpan.Zero)
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>One pass over the heads of the households' queues; how long to wait before the next (zero: go on at once).</summary>
    internal async Task<TimeSpan> ForwardDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TownshipDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var pending = await db.Captures.Where(c => c.State == CaptureState.Pending).OrderBy(c => c.Sequence).Take(Window).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return IdlePoll;
        }

        var now = time.GetUtcNow();
        var heads = pending.GroupBy(c => c.HouseholdId).Select(g => g.First()).ToList();
        var due = heads.Where(c => c.IsDue(now)).ToList();
        var forwarded = 0;
        foreach (var capture in due)
        {
            // A trace of its own for each capture carried to the hub, with the hub's handling of it under it.
            using var act = BusinessActs.Start($"forward {capture.Kind.ToString().ToLowerInvariant()}");
            if (capture.Kind != CaptureKind.Registration)
            {
                act?.SetTag(BusinessActs.HouseholdTag, capture.HouseholdId.ToString());
            }

            var linkUp = await ForwardAsync(db, capture, protector, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (!linkUp)
            {
                // The hub (or the way to it) is down: the rest would fail alike; wait for the backoff.
                break;
            }

            forwarded++;
        }

        if (forwarded > 0)
        {
            return TimeSpan.Zero;
        }

        var next = heads.Where(c => c.State == CaptureState.Pending).Min(c => c.NextAttemptAt) ?? now + IdlePoll;
        return next - now is { } wait && wait > TimeSpan.Zero ? (wait < IdlePoll ? wait : IdlePoll) : TimeSpan.FromMilliseconds(50);
    }

    /// <returns>False when the link failed (the capture stays pending).</returns>
    private async Task<bool> ForwardAsync(TownshipDbContext db, Capture capture, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var (service, path) = capture.HubRoute;
        var client = clients.CreateClient(service);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(FrontDesk.Body(capture, protector), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyKeyFilter.Header, capture.Id.ToString());
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var now = time.GetUtcNow();
            if (response.IsSuccessStatusCode)
            {
                capture.Forwarded(now);
                LogForwarded(logger, capture.Kind, capture.Id, capture.Attempts);
                return true;
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
            {
                capture.Conflicted(await ReasonAsync(response, cancellationToken), now);
                await RefusedAsync(db, capture, now, cancellationToken);
                LogConflict(logger, capture.Kind, capture.Id, (int)response.StatusCode);
                return true;
            }

            capture.Failed($"HTTP {(int)response.StatusCode}", now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            capture.Failed(ex.GetType().Name, time.GetUtcNow());
        }

        LogLinkDown(logger, capture.Kind, capture.Id, capture.Attempts, capture.LastError);
        return false;
    }

    /// <summary>The hub's state wins: a refused confirmation no longer waits here.</summary>
    private static async Task RefusedAsync(TownshipDbContext db, Capture capture, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (capture is { Kind: CaptureKind.Confirmation, SubjectId: { } orderId }
            && await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) is { } order)
        {
            order.ConfirmationRefused(now);
        }
    }

    /// <summary>The refusal in words staff can read: the problem's title and its field messages.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var parts = new List<string>();
            if (problem.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } text)
            {
                parts.Add(text);
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString() ?? ""));
            }

            var reason = string.Join(" ", parts.Where(p => p.Length > 0));
            return reason.Length == 0 ? $"县级平台拒绝（HTTP {(int)response.StatusCode}）" : reason[..Math.Min(reason.Length, 500)];
        }
        catch (JsonException)
        {
            return response.StatusCode == HttpStatusCode.NotFound ? "县级平台找不到该记录。" : $"县级平台拒绝（HTTP {(int)response.StatusCode}）";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarded {Kind} capture {CaptureId} to the hub (attempt {Attempts})")]
    private static partial void LogForwarded(ILogger logger, CaptureKind kind, Guid captureId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub refused {Kind} capture {CaptureId} with {Status}; kept as a conflict")]
    private static partial void LogConflict(ILogger logger, CaptureKind kind, Guid captureId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the hub with {Kind} capture {CaptureId} (attempt {Attempts}: {Error}); will retry")]
    private static partial void LogLinkDown(ILogger logger, CaptureKind kind, Guid captureId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
