using OpenIddict.Abstractions;
using OpenIddict.Server;
using ReliefPlatform.Security.Revocation;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReliefPlatform.Identity.Apis;

/// <summary>
/// After OpenIddict has revoked a token at the revocation endpoint: a token of a signed-in session ends the whole
/// session (<see cref="SignedInSessions"/>); a token without one (client credentials) goes on the revocation list alone.
/// </summary>
internal sealed class SessionEndingRevocation(SignedInSessions sessions, ITokenRevocations revocations) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<SessionEndingRevocation>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.IsRejected || context.GenericTokenPrincipal is not { } principal)
        {
            return;
        }

        if (principal.GetAuthorizationId() is { Length: > 0 } session)
        {
            await sessions.EndAsync(session, context.CancellationToken);
        }
        else if (principal.GetTokenId() is { Length: > 0 } id && principal.GetExpirationDate() is { } expiresAt)
        {
            await revocations.RevokeTokenAsync(id, expiresAt, context.CancellationToken);
        }
    }
}
