using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>
/// The township wall is one convention: an entity that carries a township code is township-owned (and walled by the one
/// filter every service applies) or exempt for a stated reason. A new entity with a township code and no decision fails here.
/// </summary>
public sealed class TownshipWallTests
{
    /// <summary>Entities that carry a township code but are deliberately not walled, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["SupervisionFact"] = "supervision facts are read only as county KPIs, by county roles",
        ["Donation"] = "donations are read only by county administrators, finance and supervisors",
        ["StatementLine"] = "a provider's statement lines are read with their statement, by county roles and (walled by provider) its own staff; township staff have no access",
        ["WorkforceMember"] = "the workforce register (培养队伍) is read only by county staff and supervisors; a person's township may be none (county-wide staff)",
        ["IncubationSupport"] = "an incubation's support is read with its incubation, by county roles only (培育孵化 is a county duty); its township is the budget seed money is charged to",
    };

    public static TheoryData<string> Services => ["assessment", "delivery", "funding", "provider"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_entity_with_a_township_code_is_township_owned_or_exempt_for_a_stated_reason(string service)
    {
        using var db = Open(service, "341525100");
        var undecided = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.GetProperty(nameof(ITownshipOwned.TownshipCode)) is not null)
            .Where(e => !typeof(ITownshipOwned).IsAssignableFrom(e.ClrType) && !Exempt.ContainsKey(e.ClrType.Name))
            .Select(e => e.ClrType.Name).ToList();

        Assert.Empty(undecided);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_township_owned_entity_is_read_only_within_the_callers_own_township(string service)
    {
        using var hengshan = Open(service, "341525100");
        using var foziling = Open(service, "341525101");
        using var county = Open(service, null);
        var owned = hengshan.Model.GetEntityTypes().Where(e => typeof(ITownshipOwned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType).ToList();
        Assert.NotEmpty(owned);

        foreach (var entity in owned)
        {
            // Each context's query carries its own caller's township (a parameter, not the value of whichever context built the model).
            Assert.Contains("'341525100'", Sql(hengshan, entity), StringComparison.Ordinal);
            Assert.Contains("'341525101'", Sql(foziling, entity), StringComparison.Ordinal);
            Assert.DoesNotContain("'341525100'", Sql(foziling, entity), StringComparison.Ordinal);
            Assert.Contains("\"TownshipCode\" =", Sql(hengshan, entity), StringComparison.Ordinal);
        }
    }

    private static string Sql(DbContext db, Type entity)
    {
        var set = (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity).Invoke(db, null)!;
        return set.ToQueryString();
    }

    private static DbContext Open(string service, string? township)
    {
        var claims = township is null
            ? new[] { new Claim(ReliefClaims.Subject, "county"), new Claim(ReliefClaims.Role, ReliefRoles.CountyCaseworker) }
            : [new Claim(ReliefClaims.Subject, "staff"), new Claim(ReliefClaims.Role, ReliefRoles.TownshipStaff), new Claim(ReliefClaims.TownshipCode, township)];
        var user = new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ReliefClaims.Subject, ReliefClaims.Role)));
        const string Server = "Host=127.0.0.1;Database=walls";
        return service switch
        {
            "assessment" => new AssessmentDbContext(new DbContextOptionsBuilder<AssessmentDbContext>().UseNpgsql(Server).Options, user),
            "delivery" => new DeliveryDbContext(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(Server).Options, user),
            "funding" => new FundingDbContext(new DbContextOptionsBuilder<FundingDbContext>().UseNpgsql(Server).Options, user),
            _ => new ProviderDbContext(new DbContextOptionsBuilder<ProviderDbContext>().UseNpgsql(Server).Options, user),
        };
    }
}
