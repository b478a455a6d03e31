using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Providers;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>
/// A provider's standing as Delivery keeps it from Provider's events, which may arrive in any order: the latest fact stands,
/// termination is final, and every arrival order of the same facts ends in the same standing.
/// </summary>
public sealed class ProviderStandingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private const ProviderStandingStatus Approved = ProviderStandingStatus.Approved;
    private const ProviderStandingStatus Suspended = ProviderStandingStatus.Suspended;
    private const ProviderStandingStatus Terminated = ProviderStandingStatus.Terminated;

    [Fact]
    public void A_provider_delivery_has_heard_nothing_of_is_in_good_standing()
    {
        var standing = ProviderStanding.Learn("p-1");
        Assert.True(standing.InGoodStanding);
        Assert.Equal(Approved, standing.Status);
    }

    [Fact]
    public void A_suspension_older_than_the_reinstatement_already_applied_changes_nothing()
    {
        var standing = ProviderStanding.Learn("p-1");
        Assert.True(standing.Apply(Approved, T0.AddHours(2)));

        Assert.False(standing.Apply(Suspended, T0.AddHours(1)));
        Assert.True(standing.InGoodStanding);
        Assert.Equal(T0.AddHours(2), standing.ChangedAt);
    }

    [Fact]
    public void A_reinstatement_older_than_the_suspension_already_applied_changes_nothing()
    {
        var standing = ProviderStanding.Learn("p-1");
        Assert.True(standing.Apply(Suspended, T0.AddHours(2)));

        Assert.False(standing.Apply(Approved, T0.AddHours(1)));
        Assert.False(standing.InGoodStanding);
        Assert.Equal(Suspended, standing.Status);
    }

    [Fact]
    public void A_later_reinstatement_gives_the_provider_work_again()
    {
        var standing = ProviderStanding.Learn("p-1");
        standing.Apply(Approved, T0);
        standing.Apply(Suspended, T0.AddDays(1));

        Assert.True(standing.Apply(Approved, T0.AddDays(3)));
        Assert.True(standing.InGoodStanding);
    }

    [Fact]
    public void Termination_is_final_even_against_an_approval_stamped_later()
    {
        var standing = ProviderStanding.Learn("p-1");
        Assert.True(standing.Apply(Terminated, T0.AddHours(1)));

        Assert.False(standing.Apply(Approved, T0.AddHours(5)));
        Assert.False(standing.Apply(Suspended, T0.AddHours(6)));
        Assert.Equal(Terminated, standing.Status);
    }

    [Fact]
    public void The_same_fact_again_is_not_news()
    {
        var standing = ProviderStanding.Learn("p-1");
        Assert.True(standing.Apply(Suspended, T0));
        Assert.False(standing.Apply(Suspended, T0));
    }

    public static TheoryData<string> Histories() => new()
    {
        // (status@hours) facts of one provider's life, as Provider's state machine allows them.
        "Approved@0 Suspended@1 Approved@2",
        "Approved@0 Suspended@1 Approved@2 Suspended@3",
        "Approved@0 Suspended@1 Terminated@2",
        "Approved@0 Terminated@1",
        "Approved@0 Suspended@1 Approved@2 Terminated@3",
        // Two facts stamped the same instant (clocks are coarse): the graver one stands.
        "Approved@0 Suspended@1 Approved@1",
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Every_arrival_order_of_a_providers_facts_ends_in_the_standing_of_its_latest_fact(string history)
    {
        var facts = history.Split(' ').Select(f => f.Split('@'))
            .Select(f => (Status: Enum.Parse<ProviderStandingStatus>(f[0]), At: T0.AddHours(int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        // The rule, stated apart from the code: terminated once, terminated for good; otherwise the latest fact, the graver on a tie.
        var expected = facts.Any(f => f.Status == Terminated)
            ? Terminated
            : facts.OrderBy(f => f.At).ThenBy(f => f.Status == Suspended ? 1 : 0).Last().Status;

        foreach (var order in Orderings(facts))
        {
            var standing = ProviderStanding.Learn("p-1");
            foreach (var (status, at) in order)
            {
                standing.Apply(status, at);
            }

            Assert.True(expected == standing.Status, $"{string.Join(" → ", order.Select(f => f.Status))}: {standing.Status}, expected {expected}");
        }
    }

    [Fact]
    public void A_line_that_lost_its_provider_remembers_it_while_unmet_and_forgets_it_once_matched_again()
    {
        var at = T0;
        var plan = ServicePlan.Draft(Guid.NewGuid(), "341525100", Guid.NewGuid(), 1, [new PlanLine.Proposal("daily-care", "日间照料", 3, "Week", 60, "符合")], "[]", at);
        plan.Approve("township", at);
        plan.RecordMatch("daily-care", "p-1", Guid.NewGuid(), "选定");

        plan.Rematch("daily-care", "p-1", "原服务主体已暂停", at.AddHours(1));
        var line = plan.Lines.Single();
        Assert.Equal((null, null, "p-1", at.AddHours(1)), (line.ProviderId, line.WorkOrderId, line.LostProviderId, line.MatchRetryAt));
        Assert.True(line.AwaitingMatch);
        Assert.False(line.Unmet);

        // Nobody else: unmet, and the lost provider is kept for its reinstatement.
        plan.RecordMatch("daily-care", null, null, "没有其他服务主体");
        line.NotServed("provider-suspended");
        Assert.True(line.Unmet);
        Assert.Equal("p-1", line.LostProviderId);

        // Matched again (to whoever): the line no longer waits for p-1.
        plan.RecordMatch("daily-care", "p-2", Guid.NewGuid(), "选定");
        Assert.Equal(("p-2", (string?)null, (string?)null), (line.ProviderId, line.LostProviderId, line.UnmetReason));
        Assert.False(line.Unmet);
    }

    private static IEnumerable<List<T>> Orderings<T>(List<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, i) => Orderings(items.Where((_, j) => j != i).ToList()).Select(rest => (List<T>)[item, .. rest]));
}
