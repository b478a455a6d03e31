using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Domain.Volunteers;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Provider;

/// <summary>Volunteers are found by what is kept in the clear — their masked name and phone — never by decrypting.</summary>
public sealed class VolunteerSearchTests
{
    private static readonly Volunteer[] Volunteers = [Registered("陈桂兰", "13912345678"), Registered("陈林", "13800001234"), Registered("欧阳锋", "0564-5021234")];

    [Theory]
    [InlineData("陈桂兰", "陈**")]
    [InlineData("陈", "陈**,陈*")]
    [InlineData("陈林", "陈*")]
    [InlineData("5678", "陈**")]
    [InlineData("13912345678", "陈**")]
    [InlineData("13812345678", "")]
    [InlineData("1234", "陈*,欧**")]
    [InlineData("0564-5021234", "欧**")]
    [InlineData("  ", "陈**,陈*,欧**")]
    [InlineData(null, "陈**,陈*,欧**")]
    public void A_search_matches_the_masked_name_or_phone_it_would_mask_to(string? search, string expected)
    {
        var found = VolunteersApi.Matching(Volunteers.AsQueryable(), search).Select(v => v.NameMasked);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), found);
    }

    // Stored as registration stores them: encrypted (not needed here) and masked.
    private static Volunteer Registered(string name, string phone) =>
        Volunteer.Register("341525100", "enc", PersonName.Mask(name), "enc", PhoneNumber.Mask(phone), [], [1], DateTimeOffset.UtcNow);
}
