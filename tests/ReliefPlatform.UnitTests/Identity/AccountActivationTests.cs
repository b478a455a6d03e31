using ReliefPlatform.Identity.Domain.Accounts;
using ReliefPlatform.Identity.Domain.Providers;

namespace ReliefPlatform.UnitTests.Identity;

public sealed class AccountActivationTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_code_is_sixteen_unambiguous_characters_in_four_groups_and_opens_however_it_is_typed()
    {
        var (activation, code) = AccountActivation.Issue("u1", "admin", Issued);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", code);
        Assert.True(activation.Matches(code));
        Assert.True(activation.Matches(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.False(activation.Matches(code[..^1] + (code[^1] == '0' ? '1' : '0')));
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), Convert.ToHexString(activation.CodeHash), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_code_is_open_for_seventy_two_hours_and_once()
    {
        var (activation, _) = AccountActivation.Issue("u1", "admin", Issued);

        Assert.True(activation.IsOpen(Issued.AddHours(71).AddMinutes(59)));
        Assert.False(activation.IsOpen(Issued.AddHours(72)));
        activation.Use(Issued.AddHours(1));
        Assert.False(activation.IsOpen(Issued.AddHours(2)));
    }

    [Fact]
    public void The_fifth_wrong_code_withdraws_the_activation()
    {
        var (activation, _) = AccountActivation.Issue("u1", "admin", Issued);
        for (var i = 1; i <= 4; i++)
        {
            activation.Failed(Issued.AddMinutes(i));
            Assert.True(activation.IsOpen(Issued.AddMinutes(i)));
        }

        activation.Failed(Issued.AddMinutes(5));
        Assert.Equal(Issued.AddMinutes(5), activation.WithdrawnAt);
        Assert.False(activation.IsOpen(Issued.AddMinutes(6)));
    }

    [Fact]
    public void Two_codes_for_the_same_account_differ()
    {
        var codes = Enumerable.Range(0, 50).Select(_ => AccountActivation.Issue("u1", "admin", Issued).Code).ToHashSet();
        Assert.Equal(50, codes.Count);
    }

    [Theory]
    [InlineData(ProviderStatus.Suspended, ProviderStatus.Approved, ProviderStatus.Suspended)]
    [InlineData(ProviderStatus.Approved, ProviderStatus.Suspended, ProviderStatus.Approved)]
    [InlineData(ProviderStatus.Terminated, ProviderStatus.Approved, ProviderStatus.Terminated)]
    public void A_providers_standing_is_the_latest_news_whatever_order_it_arrives_in(ProviderStatus later, ProviderStatus earlier, ProviderStatus expected)
    {
        var id = Guid.NewGuid();
        var inOrder = ProviderStanding.Of(id, earlier, Issued);
        inOrder.Learn(later, Issued.AddHours(1));
        var lateArrival = ProviderStanding.Of(id, later, Issued.AddHours(1));
        Assert.False(lateArrival.Learn(earlier, Issued));

        Assert.Equal((expected, expected), (inOrder.Status, lateArrival.Status));
    }
}
