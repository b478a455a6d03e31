using Microsoft.AspNetCore.Identity;

namespace ReliefPlatform.Identity.Domain.Users;

/// <summary>
/// A person who signs in. Township, villages, provider and department bind what the person may see; the account is
/// created by a county administrator and activated by its holder with a one-time code.
/// </summary>
public sealed class ReliefUser : IdentityUser
{
    /// <summary>How the person is called where a page shows who is signed in (e.g. 王晓燕); never the user name's job.</summary>
    public string? DisplayName { get; set; }

    public string? TownshipCode { get; set; }

    /// <summary>The villages a village visitor is bound to within their township; none: the whole township.</summary>
    public List<string> VillageCodes { get; set; } = [];

    /// <summary>The Provider service's id of the registered provider a provider's staff member works for.</summary>
    public string? ProviderId { get; set; }

    /// <summary>The department or mass organisation a department officer works for (education, disabled-persons-federation …).</summary>
    public string? DepartmentCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The administrator's account id; "bootstrap" for the first administrator, "seed" for Development's demo users.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When the holder set a password with an activation code (the demo users are born active).</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;
}
