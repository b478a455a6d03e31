namespace ReliefPlatform.Security.Authorization;

/// <summary>Claim types ReliefPlatform puts in access tokens besides sub and role; codes and ids only.</summary>
public static class ReliefClaims
{
    public const string Subject = "sub";
    public const string Name = "name";

    /// <summary>The person's display name (e.g. 王晓燕), for pages that greet them; the user name stays in <see cref="Name"/>.</summary>
    public const string DisplayName = "display_name";
    public const string Role = "role";
    public const string TownshipCode = "township_code";
    public const string VillageCode = "village_code";
    public const string ProviderId = "provider_id";
    public const string DepartmentCode = "department_code";

    /// <summary>When Identity issued the token, in Unix milliseconds: iat has whole seconds only, too coarse to tell a
    /// token issued just before a revocation from one issued just after it.</summary>
    public const string IssuedAtMilliseconds = "relief_iat_ms";

    /// <summary>The API scope every ReliefPlatform client asks for; it grants the hub and township audiences.</summary>
    public const string ApiScope = "relief.api";

    /// <summary>The audience every Township instance accepts; the township wall is the township_code claim.</summary>
    public const string TownshipAudience = "township";
}
