using System.Security.Claims;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.UnitTests.Security;

public sealed class CurrentUserTests
{
    private static CurrentUser User(string role, string? township = null)
    {
        var claims = new List<Claim> { new(ReliefClaims.Subject, "u1"), new(ClaimTypes.Role, role) };
        if (township is not null)
        {
            claims.Add(new Claim(ReliefClaims.TownshipCode, township));
        }

        return new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ReliefClaims.Subject, ClaimTypes.Role)));
    }

    [Theory]
    [InlineData(ReliefRoles.CountyAdmin)]
    [InlineData(ReliefRoles.Finance)]
    [InlineData(ReliefRoles.Supervisor)]
    [InlineData(ReliefRoles.Service)]
    public void County_roles_and_services_acting_for_the_county_are_not_walled(string role)
    {
        Assert.Null(User(role).WalledTownship);
    }

    [Fact]
    public void Township_staff_are_walled_into_their_township_and_a_role_bound_to_none_sees_nothing()
    {
        Assert.Equal("341525100", User(ReliefRoles.TownshipStaff, "341525100").WalledTownship);
        Assert.Equal("", User(ReliefRoles.ProviderStaff).WalledTownship);
    }
}
