using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReliefPlatform.Identity.Apis;

/// <summary>What goes into an access token: ids, roles and codes — never a person's name or ID number.</summary>
internal static class TokenPrincipalFactory
{
    /// <summary>Every ReliefPlatform API: the hub services and the township centres.</summary>
    public static readonly ImmutableArray<string> Audiences = [.. ResourceNames.HubServices, ReliefClaims.TownshipAudience];

    public static async Task<ClaimsPrincipal> ForUserAsync(ReliefUser user, UserManager<ReliefUser> users, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(ReliefClaims.TownshipCode, user.TownshipCode)
            .SetClaim(ReliefClaims.VillageCode, user.VillageCode)
            .SetClaim(ReliefClaims.ProviderId, user.ProviderId);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return Finish(identity, scopes);
    }

    public static ClaimsPrincipal ForService(string clientId, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, clientId);
        identity.SetClaims(Claims.Role, [ReliefRoles.Service]);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(Audiences);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
