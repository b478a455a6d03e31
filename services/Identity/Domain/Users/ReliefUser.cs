using Microsoft.AspNetCore.Identity;

namespace ReliefPlatform.Identity.Domain.Users;

/// <summary>A person who signs in. Township, village and provider bind what the person may see.</summary>
public sealed class ReliefUser : IdentityUser
{
    public string? TownshipCode { get; set; }

    public string? VillageCode { get; set; }

    public string? ProviderId { get; set; }
}
