using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ReliefPlatform.Security.Revocation;

/// <summary>
/// Runs in every service's token validation right after OpenIddict has checked the access token (signature, issuer,
/// audience, lifetime): a token on the revocation list is refused as invalid, so the caller gets the same 401
/// problem+json as for an expired one.
/// </summary>
internal sealed class RefuseRevokedTokens(RedisTokenRevocations revocations) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<RefuseRevokedTokens>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && await revocations.IsRevokedAsync(principal, context.CancellationToken))
        {
            context.Reject(error: Errors.InvalidToken, description: "The access token has been revoked.");
        }
    }
}
