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
    public const string TownshipClient = "relief-township";
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

        await SeedClientsAsync(services.GetRequiredService<IOpenIddictApplicationManager>(), options,
            services.GetRequiredService<IOptions<CountyOptions>>().Value, SignInOrigin.Issuer(app.Configuration, app.Environment), app.Environment.IsDevelopment());

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

    /// <summary>One user per county role, and a township officer and a village visitor per township (display names made up).</summary>
    public static IEnumerable<(string UserName, string Role, ReliefUser User)> DemoUsers(CountyOptions county)
    {
        yield return ("county-admin", ReliefRoles.CountyAdmin, new ReliefUser { DisplayName = "赵建国" });
        yield return ("caseworker", ReliefRoles.CountyCaseworker, new ReliefUser { DisplayName = "钱丽华" });
        yield return ("finance", ReliefRoles.Finance, new ReliefUser { DisplayName = "孙志强" });
        yield return ("supervisor", ReliefRoles.Supervisor, new ReliefUser { DisplayName = "周文静" });
        yield return ("ops", ReliefRoles.Ops, new ReliefUser { DisplayName = "吴海涛" });
        yield return ("provider-demo", ReliefRoles.ProviderStaff, new ReliefUser { ProviderId = DemoCounty.ProviderId, DisplayName = "郑秀英" });
        foreach (var township in county.Townships)
        {
            yield return ($"township-{township.Slug}", ReliefRoles.TownshipStaff, new ReliefUser { TownshipCode = township.Code, DisplayName = "王晓燕" });
            yield return ($"visitor-{township.Slug}", ReliefRoles.VillageVisitor,
                new ReliefUser { TownshipCode = township.Code, VillageCodes = [township.Code + "201"], DisplayName = "李大山" });
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

    /// <summary>
    /// The clients, created or brought up to date with configuration at every start (redirect URIs follow the public
    /// origin and the county's townships).
    /// </summary>
    private static async Task SeedClientsAsync(
        IOpenIddictApplicationManager applications, ReliefIdentityOptions options, CountyOptions county, Uri publicOrigin, bool development)
    {
        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = PortalClient,
            ClientType = ClientTypes.Public,
            DisplayName = "County portal",
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        AddSignInPermissions(portal);
        portal.RedirectUris.UnionWith(OnPublicOrigin(options.PortalRedirectUris, "/signin-oidc", publicOrigin));
        portal.PostLogoutRedirectUris.UnionWith(OnPublicOrigin(options.PortalPostLogoutRedirectUris, "/signout-callback-oidc", publicOrigin));
        await SaveAsync(applications, portal);

        if (!string.IsNullOrEmpty(options.TownshipClientSecret))
        {
            // One client for every centre's pages: the township wall is the user's township_code, not the client; each
            // centre's own callback is registered, so a code can only land at a real centre's pages.
            var township = new OpenIddictApplicationDescriptor
            {
                ClientId = TownshipClient,
                ClientSecret = options.TownshipClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "Township centres' pages",
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            AddSignInPermissions(township);
            foreach (var centre in county.Townships)
            {
                township.RedirectUris.Add(new Uri(publicOrigin, $"townships/{centre.Code}/pages/signin-oidc"));
                township.PostLogoutRedirectUris.Add(new Uri(publicOrigin, $"townships/{centre.Code}/pages/signed-out"));
            }

            await SaveAsync(applications, township);
        }

        if (development)
        {
            await SaveAsync(applications, new OpenIddictApplicationDescriptor
            {
                ClientId = CliClient,
                ClientType = ClientTypes.Public,
                DisplayName = "Demo scripts and tests (Development only)",
                Permissions =
                {
                    Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken,
                    Permissions.Prefixes.Scope + ReliefClaims.ApiScope, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
            });
        }

        if (!string.IsNullOrEmpty(options.ServiceClientSecret))
        {
            await SaveAsync(applications, new OpenIddictApplicationDescriptor
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

    /// <summary>Code + PKCE, refresh, userinfo-bearing openid, sign-out and revocation: what a signing-in client may do.</summary>
    private static void AddSignInPermissions(OpenIddictApplicationDescriptor client) => client.Permissions.UnionWith(
    [
        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
        Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
        Permissions.Prefixes.Scope + ReliefClaims.ApiScope, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
    ]);

    private static IEnumerable<Uri> OnPublicOrigin(List<string> configured, string fallback, Uri publicOrigin) =>
        (configured.Count > 0 ? configured : [fallback]).Select(uri => new Uri(publicOrigin, uri));

    private static async Task SaveAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor);
        }
        else
        {
            await applications.CreateAsync(descriptor);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo users (Development only)")]
    private static partial void LogDemoUsers(ILogger logger, int count);
}
