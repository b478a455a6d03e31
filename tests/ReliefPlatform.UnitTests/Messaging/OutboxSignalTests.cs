using System.Diagnostics;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class OutboxSignalTests
{
    [Fact]
    public async Task A_commit_signalled_before_the_relay_waits_wakes_it_at_once()
    {
        var signal = new OutboxSignal();
        signal.Notify();

        var waited = Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"waited {waited.Elapsed}");
    }

    [Fact]
    public async Task Many_signals_wake_the_relay_once_and_then_it_sleeps_again()
    {
        var signal = new OutboxSignal();
        for (var i = 0; i < 100; i++)
        {
            signal.Notify();
        }

        await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var second = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(50);

        Assert.False(second.IsCompleted);
        signal.Notify();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_a_signal_the_wait_ends_at_the_poll_interval_without_throwing()
    {
        var signal = new OutboxSignal();

        await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_the_service_ends_the_wait_with_cancellation()
    {
        var signal = new OutboxSignal();
        using var stopping = new CancellationTokenSource();
        var wait = signal.WaitAsync(TimeSpan.FromMinutes(5), stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
