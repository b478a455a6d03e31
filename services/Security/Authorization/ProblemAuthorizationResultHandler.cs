using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ReliefPlatform.Security.Authorization;

/// <summary>
/// A caller refused by the authorization middleware (no or a bad token: 401; a role or policy that does not allow it:
/// 403) gets problem+json in Chinese, as the gateway answers — the challenge itself (status and WWW-Authenticate) is
/// left to the authentication handler. The middleware runs before the app's status-code pages, so without this the
/// body would stay empty.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted
            || context.Response.StatusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
        {
            return;
        }

        var unauthorized = context.Response.StatusCode == StatusCodes.Status401Unauthorized;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = unauthorized ? "未登录或登录已失效，请重新登录。" : "您的角色或所属乡镇无权进行此操作。",
            },
        });
    }
}
