using ReliefPlatform.Gateway.Protection;

namespace ReliefPlatform.UnitTests.Gateway;

public sealed class RateLimitLeasesTests
{
    [Fact]
    public void A_lease_is_spent_exactly_once_per_request_even_under_contention()
    {
        var leases = new RateLimitLeases();
        leases.Add("ratelimit:api:user-1:100", 1000);

        var taken = 0;
        Parallel.For(0, 4000, _ =>
        {
            if (leases.TryTake("ratelimit:api:user-1:100"))
            {
                Interlocked.Increment(ref taken);
            }
        });

        Assert.Equal(1000, taken);
    }

    [Fact]
    public void A_new_block_after_running_dry_is_not_eaten_by_the_failed_takes_before_it()
    {
        var leases = new RateLimitLeases();
        leases.Add("k", 2);
        for (var i = 0; i < 10; i++)
        {
            leases.TryTake("k");
        }

        leases.Add("k", 3);

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => leases.TryTake("k")));
    }

    [Fact]
    public void Another_window_or_user_has_nothing_to_spend()
    {
        var leases = new RateLimitLeases();
        leases.Add("ratelimit:api:user-1:100", 5);

        Assert.False(leases.TryTake("ratelimit:api:user-1:101"));
        Assert.False(leases.TryTake("ratelimit:api:user-2:100"));
    }
}
