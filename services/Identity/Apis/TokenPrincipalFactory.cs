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
    /// <summary>Every ReliefPlatform API: the hub services, the township centres and Identity's account administration.</summary>
    public static readonly ImmutableArray<string> Audiences = [.. ResourceNames.HubServices, ReliefClaims.TownshipAudience, ResourceNames.Identity];

    /// <summary>
    /// The audiences a token is for: all ReliefPlatform APIs, or — least privilege — only those named in
    /// the request's <c>relief_audience</c> parameter, space-separated (the standard names are reserved by OpenIddict).
    /// </summary>
    public static ImmutableArray<string> AudiencesFor(OpenIddictRequest request)
    {
        var requested = request.GetParameter("relief_audience")?.ToString();
        return string.IsNullOrWhiteSpace(requested)
            ? Audiences
            : [.. requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Intersect(Audiences, StringComparer.Ordinal)];
    }

    public static async Task<ClaimsPrincipal> ForUserAsync(ReliefUser user, UserManager<ReliefUser> users, IEnumerable<string> scopes, ImmutableArray<string>? audiences = null)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(ReliefClaims.DisplayName, user.DisplayName)
            .SetClaim(ReliefClaims.TownshipCode, user.TownshipCode)
            .SetClaim(ReliefClaims.ProviderId, user.ProviderId)
            .SetClaim(ReliefClaims.DepartmentCode, user.DepartmentCode);
        identity.SetClaims(ReliefClaims.VillageCode, [.. user.VillageCodes]);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return Finish(identity, scopes, audiences ?? Audiences);
    }

    public static ClaimsPrincipal ForService(string clientId, IEnumerable<string> scopes, ImmutableArray<string> audiences)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, clientId);
        identity.SetClaims(Claims.Role, [ReliefRoles.Service]);
        return Finish(identity, scopes, audiences);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes, ImmutableArray<string> audiences)
    {
        identity.SetClaim(ReliefClaims.IssuedAtMilliseconds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        identity.SetScopes(scopes);
        identity.SetResources(audiences);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
