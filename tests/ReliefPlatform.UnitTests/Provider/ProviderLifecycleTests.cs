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

    [Fact]
    public void Registered_details_are_corrected_and_say_what_changed_until_the_provider_has_left()
    {
        var provider = Applied();
        provider.Review("reviewer", Now, null);
        provider.Approve("approver", Now, null);

        var changed = provider.Amend("霍山县同心社会工作服务中心", null, new ProtectedContact("enc-name-2", "enc-phone-2", "李**", "139****5678"));

        Assert.Equal(["contact"], changed);
        Assert.Equal(("李**", "139****5678"), (provider.ContactNameMasked, provider.ContactPhoneMasked));
        Assert.Equal(["name"], provider.Amend("霍山县同心社工服务中心", null, null));
        Assert.Equal("霍山县同心社工服务中心", provider.DisplayName);

        provider.Terminate("approver", Now, "合同到期不再续签");
        var refused = Assert.Throws<ProviderStateException>(() => provider.Amend("新名称", null, null));
        Assert.Equal("已退出或未通过入库的服务主体不能修改登记信息。", refused.Message);
        Assert.Equal("霍山县同心社工服务中心", provider.DisplayName);
    }

    [Fact]
    public void A_correction_names_something_to_change_and_an_individuals_name_is_not_changed_there()
    {
        Assert.Equal(["details"], ProviderApplicationRules.CheckDetails(new ReliefPlatform.Provider.Apis.ProviderDetailsRequest(null, null, null), "social-work-organisation").Keys);
        Assert.Equal(["name"], ProviderApplicationRules.CheckDetails(new ReliefPlatform.Provider.Apis.ProviderDetailsRequest("张**", null, null), ProviderKinds.Individuals.First()).Keys);
        Assert.Equal(["affiliation"], ProviderApplicationRules.CheckDetails(new ReliefPlatform.Provider.Apis.ProviderDetailsRequest(null, "mz", null), "social-work-organisation").Keys);
        var contact = ProviderApplicationRules.CheckDetails(
            new ReliefPlatform.Provider.Apis.ProviderDetailsRequest(null, null, new ReliefPlatform.Provider.Apis.ContactRequest("李秀梅", "1385678")), "social-work-organisation");
        Assert.Equal(["contact.phone"], contact.Keys);
        Assert.Empty(ProviderApplicationRules.CheckDetails(
            new ReliefPlatform.Provider.Apis.ProviderDetailsRequest("霍山县同心社工服务中心", null, new ReliefPlatform.Provider.Apis.ContactRequest("李秀梅", "13912345678")),
            "social-work-organisation"));
    }
}
