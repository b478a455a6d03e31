using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ReliefPlatform.ServiceDefaults.Problems;

/// <summary>
/// A request the framework cannot read (malformed JSON, a text where a number belongs, an unknown enum name,
/// a missing body) answered as problem+json in Chinese, naming the field when the JSON reader knows it. The
/// offending value is never echoed: it may be personal data.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails { Title = "请求内容过大。" },
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails { Title = "请求内容类型不支持，请以 application/json 提交。" },
            _ => Unreadable(bad),
        };
        problem.Status = bad.StatusCode;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Unreadable(BadHttpRequestException bad)
    {
        var json = FindJsonException(bad);
        if (json?.Path is { Length: > 1 } path)
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            // .NET's runtime messages are English only; a repeated key is told apart so the caller knows what to fix.
            var message = json.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? "该字段在请求中重复出现。" : "该字段的值格式或类型不正确。";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Title = "请求内容有误",
            };
        }

        return new ProblemDetails
        {
            Title = json is null ? "请求内容有误或缺少请求内容。" : "请求内容不是有效的 JSON。",
        };
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}
