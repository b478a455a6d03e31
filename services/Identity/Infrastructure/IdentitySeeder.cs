using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Extensions;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Identity.Infrastructure;

/// <summary>
/// Roles and OpenID clients always; demo users for every role and every township in Development only,
/// all with the password the AppHost generated and printed. Idempotent: existing entries are kept.
/// </summary>
internal static partial class IdentitySeeder
{
    public const string PortalClient = "relief-portal";
    public const string CliClient = "relief-cli";
    public const string ServiceClient = "relief-services";

    public static async Task SeedIdentityAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<ReliefIdentityOptions>>().Value;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ReliefRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await SeedClientsAsync(services.GetRequiredService<IOpenIddictApplicationManager>(), options, app.Environment.IsDevelopment());

        if (app.Environment.IsDevelopment())
        {
            var password = options.DemoPassword
                ?? throw new InvalidOperationException("Identity:DemoPassword is not set; the AppHost generates it for development runs.");
            var county = services.GetRequiredService<IOptions<CountyOptions>>().Value;
            var users = services.GetRequiredService<UserManager<ReliefUser>>();
            var demo = DemoUsers(county).ToList();
            foreach (var (userName, role, user) in demo)
            {
                await EnsureUserAsync(users, userName, role, user, password);
            }

            // The demo provider the Provider service seeds (and announces): known here from the start, so provider-demo
            // signs in before the announcement has arrived.
            var db = services.GetRequiredService<ReliefIdentityDbContext>();
            if (await db.ProviderStandings.FindAsync(Guid.Parse(DemoCounty.ProviderId)) is null)
            {
                db.ProviderStandings.Add(Domain.Providers.ProviderStanding.Of(Guid.Parse(DemoCounty.ProviderId), Domain.Providers.ProviderStatus.Approved, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            LogDemoUsers(app.Logger, demo.Count);
        }
    }

    /// <summary>One user per county role, and a township officer and a village visitor per township.</summary>
    public static IEnumerable<(string UserName, string Role, ReliefUser User)> DemoUsers(CountyOptions county)
    {
        yield return ("county-admin", ReliefRoles.CountyAdmin, new ReliefUser());
        yield return ("caseworker", ReliefRoles.CountyCaseworker, new ReliefUser());
        yield return ("finance", ReliefRoles.Finance, new ReliefUser());
        yield return ("supervisor", ReliefRoles.Supervisor, new ReliefUser());
        yield return ("ops", ReliefRoles.Ops, new ReliefUser());
        yield return ("provider-demo", ReliefRoles.ProviderStaff, new ReliefUser { ProviderId = DemoCounty.ProviderId });
        foreach (var township in county.Townships)
        {
            yield return ($"township-{township.Slug}", ReliefRoles.TownshipStaff, new ReliefUser { TownshipCode = township.Code });
            yield return ($"visitor-{township.Slug}", ReliefRoles.VillageVisitor,
                new ReliefUser { TownshipCode = township.Code, VillageCodes = [township.Code + "201"] });
        }
    }

    private static async Task EnsureUserAsync(UserManager<ReliefUser> users, string userName, string role, ReliefUser user, string password)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        user.UserName = userName;
        user.CreatedBy = "seed";
        user.CreatedAt = DateTimeOffset.UtcNow;
        user.ActivatedAt = user.CreatedAt;
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {userName} could not be created: {string.Join("; ", created.Errors.Select(e => e.Code))}");
        }

        await users.AddToRoleAsync(user, role);
    }

    private static async Task SeedClientsAsync(IOpenIddictApplicationManager applications, ReliefIdentityOptions options, bool development)
    {
        if (await applications.FindByClientIdAsync(PortalClient) is null)
        {
            var portal = new OpenIddictApplicationDescriptor
            {
                ClientId = PortalClient,
                ClientType = ClientTypes.Public,
                DisplayName = "County portal",
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + ReliefClaims.ApiScope,
                    Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in options.PortalRedirectUris)
            {
                portal.RedirectUris.Add(new Uri(uri));
            }

            await applications.CreateAsync(portal);
        }

        if (development && await applications.FindByClientIdAsync(CliClient) is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = CliClient,
                ClientType = ClientTypes.Public,
                DisplayName = "Demo scripts and tests (Development only)",
                Permissions =
                {
                    Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken,
                    Permissions.Prefixes.Scope + ReliefClaims.ApiScope, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
            });
        }

        if (!string.IsNullOrEmpty(options.ServiceClientSecret) && await applications.FindByClientIdAsync(ServiceClient) is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ServiceClient,
                ClientSecret = options.ServiceClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "ReliefPlatform services",
                Permissions =
                {
                    Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ReliefClaims.ApiScope,
                },
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo users (Development only)")]
    private static partial void LogDemoUsers(ILogger logger, int count);
}
