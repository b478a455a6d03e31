using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReliefPlatform.Identity.Domain.Users;

namespace ReliefPlatform.Identity.Infrastructure;

/// <summary>
/// Who may sign in at all, checked on every sign-in and every token (code, refresh, password): not a disabled account,
/// and a provider's staff only while their provider is approved.
/// </summary>
internal sealed class ReliefSignInManager(
    UserManager<ReliefUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ReliefUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ReliefUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ReliefUser> confirmation,
    ReliefIdentityDbContext db)
    : SignInManager<ReliefUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ReliefUser user) =>
        !user.IsDisabled && await ProviderMayWorkAsync(user) && await base.CanSignInAsync(user);

    private async Task<bool> ProviderMayWorkAsync(ReliefUser user)
    {
        if (user.ProviderId is null)
        {
            return true;
        }

        return Guid.TryParse(user.ProviderId, out var providerId) && await IntegrationEvents.ProviderStandings.MayWorkAsync(db, providerId);
    }
}
