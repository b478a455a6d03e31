using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class ProviderLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static NetworkProvider Applied() => NetworkProvider.Apply(
        "social-work-organisation", "霍山县同心社会工作服务中心", null, "91350100M000100Y43", null, null,
        new ProtectedContact("enc-name", "enc-phone", "王*", "138****5678"), "registrar", Now);

    [Fact]
    public void A_provider_joins_after_a_review_and_a_second_persons_approval()
    {
        var provider = Applied();
        provider.Review("reviewer", Now, "材料齐全");

        Assert.Throws<ProviderStateException>(() => provider.Approve("reviewer", Now, null));
        provider.Approve("approver", Now, null);

        Assert.Equal(ProviderStatus.Approved, provider.Status);
        Assert.Equal([ProviderStatus.Reviewed, ProviderStatus.Approved], provider.History.Select(h => h.To));
        Assert.Equal("材料齐全", provider.History[0].Reason);
    }

    [Fact]
    public void Approval_without_review_is_refused()
    {
        var provider = Applied();

        var refused = Assert.Throws<ProviderStateException>(() => provider.Approve("approver", Now, null));

        Assert.Equal("须先经初审，再由另一人审批入库。", refused.Message);
        Assert.Equal(ProviderStatus.Applied, provider.Status);
    }

    [Fact]
    public void A_suspended_provider_is_reinstated_only_by_someone_other_than_who_suspended_it()
    {
        var provider = Applied();
        provider.Review("reviewer", Now, null);
        provider.Approve("approver", Now, null);
        provider.Suspend("inspector", Now, "投诉核查中");

        Assert.Throws<ProviderStateException>(() => provider.Reinstate("inspector", Now, "核查完毕"));
        provider.Reinstate("approver", Now, "核查完毕");

        Assert.Equal(ProviderStatus.Approved, provider.Status);
    }

    [Fact]
    public void Terminated_and_rejected_are_final()
    {
        var terminated = Applied();
        terminated.Review("reviewer", Now, null);
        terminated.Approve("approver", Now, null);
        terminated.Terminate("approver", Now, "合同到期不再续签");
        var rejected = Applied();
        rejected.Reject("reviewer", Now, "资质不符");

        Assert.Throws<ProviderStateException>(() => terminated.Suspend("x", Now, "y"));
        Assert.Throws<ProviderStateException>(() => terminated.Reinstate("x", Now, "y"));
        Assert.Throws<ProviderStateException>(() => rejected.Review("x", Now, null));
        Assert.Throws<ProviderStateException>(() => rejected.Terminate("x", Now, "y"));
    }

    [Fact]
    public void Only_an_approved_provider_can_be_suspended()
    {
        Assert.Throws<ProviderStateException>(() => Applied().Suspend("x", Now, "y"));
    }
}
