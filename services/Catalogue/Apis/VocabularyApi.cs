using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Vocabulary;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>The codes catalogue rules may name (categories, need codes, existing policies …); county administrators add new ones.</summary>
public static partial class VocabularyApi
{
    public static IEndpointRouteBuilder MapVocabularyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue/vocabulary").WithTags("Catalogue");
        group.MapGet("/", ListCodes).WithName("ListCatalogueVocabulary").WithSummary("Every code by kind, in order, with its Chinese name");
        group.MapPost("/", AddCode).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin))
            .WithName("AddCatalogueVocabularyCode")
            .WithSummary("Add a code (e.g. a new existing policy or a need code of a new instrument); codes are never removed");
        return app;
    }

    public static async Task<Ok<List<VocabularyCodeResponse>>> ListCodes(string? kind, CatalogueDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Vocabulary.AsNoTracking()
            .Where(c => kind == null || c.Kind == kind)
            .OrderBy(c => c.Kind).ThenBy(c => c.SortOrder)
            .Select(c => new VocabularyCodeResponse(c.Kind, c.Code, c.NameZh))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<VocabularyCodeResponse>, ValidationProblem, ProblemHttpResult>> AddCode(
        NewVocabularyCodeRequest? request, CatalogueDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!VocabularyKinds.All.Contains(request?.Kind ?? ""))
        {
            errors["kind"] = [$"代码种类应为：{string.Join("、", VocabularyKinds.All)}。"];
        }

        if (request?.Code is not { } code || !CodePattern().IsMatch(code))
        {
            errors["code"] = ["代码只能由字母、数字和连字符组成（2–60 位）。"];
        }

        if (string.IsNullOrWhiteSpace(request?.NameZh) || request.NameZh.Length > 100)
        {
            errors["nameZh"] = ["中文名称必填，不超过 100 字。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "代码有误");
        }

        if (await db.Vocabulary.AnyAsync(c => c.Kind == request!.Kind && c.Code == request.Code, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"代码“{request!.Code}”已经存在。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Vocabulary.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0;
        var added = VocabularyCode.Define(request!.Kind!, request.Code!, request.NameZh!.Trim(), order + 1);
        db.Vocabulary.Add(added);
        try
        {
            await AuditTrail.AppendAsync(db, time, user.Id, "catalogue.vocabulary.add", $"vocabulary:{added.Kind}:{added.Code}", null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"代码“{added.Code}”已经存在。");
        }

        return TypedResults.Created($"/api/catalogue/vocabulary?kind={added.Kind}", new VocabularyCodeResponse(added.Kind, added.Code, added.NameZh));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,59}$")]
    private static partial Regex CodePattern();
}
