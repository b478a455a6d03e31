using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReliefPlatform.ServiceDefaults.OpenApi;

/// <summary>
/// Documents the answers every endpoint can give besides its own, each as problem+json: 401 where a token is
/// required, 403 where a role or policy may refuse the caller, 400 where there is anything to get wrong (path, query,
/// header or body), 404 where a path names a thing, 422 where an <c>Idempotency-Key</c> is accepted, 429 for the
/// gateway's rate limits. An error status an endpoint declares without a body (<c>NotFound</c>, <c>Conflict</c>) is
/// answered as problem+json by the status-code pages, so its document says that too.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var idempotent = metadata.OfType<IdempotencyKeyMetadata>().Any();
        operation.Responses ??= [];

        if (idempotent)
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => string.Equals(p.Name, IdempotencyKeyMetadata.Header, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyMetadata.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "幂等键（GUID）：同一调用者以同一请求重试时得到首次的答复，不会重复写入。",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                });
            }
        }

        var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        var namesThing = operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true;
        var additions = new List<(int Status, string Description)>();
        if (hasInput)
        {
            additions.Add((StatusCodes.Status400BadRequest, "请求有误：字段缺失、类型或格式不正确（按字段列出）"));
        }

        if (!anonymous)
        {
            additions.Add((StatusCodes.Status401Unauthorized, "未登录或令牌无效、已过期、已注销"));
            if (RefusesSomeCallers(metadata))
            {
                additions.Add((StatusCodes.Status403Forbidden, "当前角色或所属乡镇无权进行此操作"));
            }
        }

        if (namesThing)
        {
            additions.Add((StatusCodes.Status404NotFound, "地址所指的对象不存在（或不在您的可见范围内）"));
        }

        if (idempotent)
        {
            additions.Add((StatusCodes.Status422UnprocessableEntity, "幂等键已用于其他请求"));
        }

        additions.Add((StatusCodes.Status429TooManyRequests, "请求过于频繁（网关限流），请按 Retry-After 稍后再试"));

        foreach (var (status, description) in additions)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = description };
            }
        }

        // Every error answer carries a problem+json body, whether declared by the endpoint or added here.
        foreach (var (key, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(key, out var status) || status < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (concrete.Content.Count == 0 || concrete.Content.Keys.All(k => k != ProblemJson))
            {
                var type = status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity
                    ? typeof(HttpValidationProblemDetails)
                    : typeof(ProblemDetails);
                concrete.Content.Clear();
                concrete.Content[ProblemJson] = new OpenApiMediaType { Schema = await ProblemSchemaAsync(type, context, cancellationToken) };
            }

            if (string.IsNullOrEmpty(concrete.Description))
            {
                concrete.Description = ReasonPhrases.GetReasonPhrase(status);
            }
        }
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var id = type.Name;
        if (context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }

    /// <summary>A role, a named policy or an inline policy beyond "signed in", or a handler that may answer Forbid itself.</summary>
    private static bool RefusesSomeCallers(IList<object> metadata) =>
        metadata.OfType<AuthorizationPolicy>().Any(p => p.Requirements.Any(r => r is not Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement))
        || metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
        || metadata.OfType<MethodInfo>().Any(m => Mentions(m.ReturnType, typeof(ForbidHttpResult)));

    private static bool Mentions(Type type, Type wanted) =>
        type == wanted || (type.IsGenericType && type.GetGenericArguments().Any(t => Mentions(t, wanted)));
}
