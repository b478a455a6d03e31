using ReliefPlatform.Funding.Infrastructure;

namespace ReliefPlatform.UnitTests.Funding;

/// <summary>
/// The dashboard's figures are computed once per state of their data: twenty readers opening it together wait for one
/// computation, a change of the data is a new computation, and neither a failure nor a reader who leaves spoils it for the rest.
/// </summary>
public sealed class FreshFiguresTests
{
    [Fact]
    public async Task Readers_asking_together_for_the_same_state_share_one_computation()
    {
        var figures = new FreshFigures<string, int>();
        var release = new TaskCompletionSource();
        var computations = 0;
        async Task<int> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return 42;
        }

        var readers = Enumerable.Range(0, 20).Select(_ => figures.GetAsync("2026-11/Township", "v1", Compute, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(readers), answer => Assert.Equal(42, answer));
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task New_data_is_computed_afresh_and_other_figures_are_their_own()
    {
        var figures = new FreshFigures<string, int>();
        var computations = 0;
        Func<Task<int>> Answer(int value) => () =>
        {
            Interlocked.Increment(ref computations);
            return Task.FromResult(value);
        };

        Assert.Equal(1, await figures.GetAsync("2026-11", "v1", Answer(1), CancellationToken.None));
        Assert.Equal(1, await figures.GetAsync("2026-11", "v1", Answer(99), CancellationToken.None));
        Assert.Equal(2, await figures.GetAsync("2026-11", "v2", Answer(2), CancellationToken.None));
        Assert.Equal(3, await figures.GetAsync("2026-10", "v2", Answer(3), CancellationToken.None));
        Assert.Equal(3, computations);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        var figures = new FreshFigures<string, int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            figures.GetAsync("2026-11", "v1", () => throw new InvalidOperationException("the database went away"), CancellationToken.None));

        Assert.Equal(7, await figures.GetAsync("2026-11", "v1", () => Task.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task A_reader_who_leaves_does_not_cancel_the_computation_the_others_wait_for()
    {
        var figures = new FreshFigures<string, int>();
        var release = new TaskCompletionSource();
        using var leaving = new CancellationTokenSource();
        async Task<int> Compute()
        {
            await release.Task;
            return 5;
        }

        var left = figures.GetAsync("2026-11", "v1", Compute, leaving.Token);
        var staying = figures.GetAsync("2026-11", "v1", Compute, CancellationToken.None);
        await leaving.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(5, await staying);
    }
}
