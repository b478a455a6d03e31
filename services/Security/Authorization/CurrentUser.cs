using System.Security.Claims;

namespace ReliefPlatform.Security.Authorization;

/// <summary>Who is calling, read from the validated access token: what every service decides its walls by.</summary>
public sealed class CurrentUser(ClaimsPrincipal principal)
{
    public string Id => principal.FindFirstValue(ReliefClaims.Subject) ?? "";

    /// <summary>The account's user name (the token's <c>name</c>), for showing who is signed in; the id when there is none.</summary>
    public string Name => principal.FindFirstValue(ReliefClaims.Name) is { Length: > 0 } name ? name : Id;

    /// <summary>The person's display name from the token, for a page's header; the user name when the account has none.</summary>
    public string DisplayName => principal.FindFirstValue(ReliefClaims.DisplayName) is { Length: > 0 } display ? display : Name;

    public bool IsAuthenticated => principal.Identity?.IsAuthenticated == true;

    /// <summary>The township a township-bound user belongs to; null for county-wide users.</summary>
    public string? TownshipCode => IsTownshipBound ? principal.FindFirstValue(ReliefClaims.TownshipCode) ?? "" : null;

    public string? ProviderId => principal.FindFirstValue(ReliefClaims.ProviderId);

    /// <summary>The department or mass organisation a department officer acts for; null for everyone else ("" when unbound).</summary>
    public string? DepartmentCode => IsDepartmentOfficer ? principal.FindFirstValue(ReliefClaims.DepartmentCode) ?? "" : null;

    /// <summary>A department officer and nothing county-wide besides: walled into their department's work.</summary>
    public bool IsDepartmentOfficer => principal.IsInRole(ReliefRoles.DepartmentOfficer) && !IsCountyWide;

    public bool IsTownshipBound => ReliefRoles.TownshipBound.Any(principal.IsInRole) && !IsCountyWide;

    public bool IsCountyWide => principal.IsInRole(ReliefRoles.CountyAdmin) || principal.IsInRole(ReliefRoles.CountyCaseworker)
        || principal.IsInRole(ReliefRoles.Supervisor) || principal.IsInRole(ReliefRoles.Finance) || principal.IsInRole(ReliefRoles.Ops)
        || principal.IsInRole(ReliefRoles.Service);

    /// <summary>
    /// The township a caller's reads are walled into: null for county-wide callers and for work without a
    /// caller (consumers, start-up); "" — nothing — for signed-in callers bound to no township.
    /// </summary>
    public string? WalledTownship => IsAuthenticated && !IsCountyWide ? TownshipCode ?? "" : null;

    /// <summary>Supervisors read everything and change nothing.</summary>
    public bool IsReadOnly => principal.IsInRole(ReliefRoles.Supervisor) && !principal.IsInRole(ReliefRoles.CountyAdmin);

    /// <summary>
    /// May this user see full names, ID numbers and addresses (each such read is audited)? County staff and
    /// township staff (within their wall) may; visitors, providers, finance and supervisors see masked data.
    /// </summary>
    public bool MayUnmaskPersonalData => !IsReadOnly
        && (principal.IsInRole(ReliefRoles.CountyAdmin) || principal.IsInRole(ReliefRoles.CountyCaseworker) || principal.IsInRole(ReliefRoles.TownshipStaff));

    public bool IsInRole(string role) => principal.IsInRole(role);

    /// <summary>May this user see or act on data of <paramref name="townshipCode"/>?</summary>
    public bool MayAccessTownship(string townshipCode) =>
        IsCountyWide || (IsTownshipBound && string.Equals(TownshipCode, townshipCode, StringComparison.Ordinal));
}
