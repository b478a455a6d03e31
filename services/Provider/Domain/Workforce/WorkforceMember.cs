namespace ReliefPlatform.Provider.Domain.Workforce;

/// <summary>
/// A person doing the work (培养队伍): a caseworker or village visitor (by their account), a social worker, a volunteer,
/// or a provider's staff member (by the provider). The name is stored encrypted and shown masked; it never leaves in events or logs.
/// </summary>
public sealed class WorkforceMember
{
    private WorkforceMember()
    {
    }

    public Guid Id { get; private set; }

    public string Role { get; private set; } = "";

    public string ProtectedName { get; private set; } = "";

    public string NameMasked { get; private set; } = "";

    /// <summary>The provider the person works for; their certificates count as the provider's qualifications.</summary>
    public Guid? ProviderId { get; private set; }

    /// <summary>The person's sign-in account (caseworkers, village visitors), when they have one.</summary>
    public string? AccountId { get; private set; }

    /// <summary>The township the person works in; null for county-wide staff.</summary>
    public string? TownshipCode { get; private set; }

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public static WorkforceMember Register(
        string role, string protectedName, string nameMasked, Guid? providerId, string? accountId, string? townshipCode, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Role = role,
        ProtectedName = protectedName,
        NameMasked = nameMasked,
        ProviderId = providerId,
        AccountId = accountId,
        TownshipCode = townshipCode,
        RegisteredBy = by,
        RegisteredAt = at,
    };
}
