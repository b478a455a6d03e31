using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ReliefPlatform.ServiceDefaults.Problems;

namespace ReliefPlatform.UnitTests.Problems;

public sealed class BadRequestProblemsTests
{
    private sealed record Pledge(string? Donor, decimal Amount);

    private sealed class CapturingProblems : IProblemDetailsService
    {
        public ProblemDetails? Written { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Written = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Written = context.ProblemDetails;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>The serializer options every service reads request bodies with (ServiceDefaults sets this flag).</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    [Fact]
    public async Task A_key_given_twice_is_a_400_naming_the_field_in_chinese_not_the_last_value_silently()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Pledge>("""{"donor":"甲","amount":1,"amount":100}""", Web));
        var problems = new CapturingProblems();
        var context = new DefaultHttpContext();

        var handled = await new BadRequestProblems(problems).TryHandleAsync(
            context, new BadHttpRequestException("unreadable", StatusCodes.Status400BadRequest, exception), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var problem = Assert.IsType<HttpValidationProblemDetails>(problems.Written);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["该字段在请求中重复出现。"], problem.Errors["amount"]);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_still_told_as_a_wrong_type()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Pledge>("""{"donor":"甲","amount":"很多"}""", Web));
        var problems = new CapturingProblems();

        await new BadRequestProblems(problems).TryHandleAsync(
            new DefaultHttpContext(), new BadHttpRequestException("unreadable", StatusCodes.Status400BadRequest, exception), CancellationToken.None);

        Assert.Equal(["该字段的值格式或类型不正确。"], Assert.IsType<HttpValidationProblemDetails>(problems.Written).Errors["amount"]);
    }
}
