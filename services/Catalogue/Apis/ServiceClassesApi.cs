using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Classes;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Catalogue.Apis;

public sealed record ServiceClassResponse(string Code, string NameZh, string NameEn);

public sealed record NewServiceClassRequest(string? Code, string? NameZh, string? NameEn);

public static partial class ServiceClassesApi
{
    public static IEndpointRouteBuilder MapServiceClassesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue/classes").WithTags("ServiceClasses");

        group.MapGet("/", ListServiceClasses)
            .WithName("ListServiceClasses")
            .WithSummary("The catalogue's service classes (服务类别).");
        group.MapPost("/", AddServiceClass).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin))
            .WithName("AddServiceClass")
            .WithSummary("Add a service class (county administrators); classes are never removed, items move between them in a new version");

        return app;
    }

    public static async Task<Ok<List<ServiceClassResponse>>> ListServiceClasses(CatalogueDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ServiceClasses.AsNoTracking()
            .OrderBy(e => e.SortOrder)
            .Select(e => new ServiceClassResponse(e.Code, e.NameZh, e.NameEn))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<ServiceClassResponse>, ValidationProblem, ProblemHttpResult>> AddServiceClass(
        NewServiceClassRequest? request, CatalogueDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Code is not { } code || !CodePattern().IsMatch(code))
        {
            errors["code"] = ["类别编码只能由小写字母、数字和连字符组成（2–40 位）。"];
        }

        if (string.IsNullOrWhiteSpace(request?.NameZh) || request.NameZh.Length > 100)
        {
            errors["nameZh"] = ["中文名称必填，不超过 100 字。"];
        }

        if (string.IsNullOrWhiteSpace(request?.NameEn) || request.NameEn.Length > 100)
        {
            errors["nameEn"] = ["英文名称必填，不超过 100 字。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务类别有误");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ServiceClasses.AnyAsync(c => c.Code == request!.Code, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"服务类别“{request!.Code}”已经存在。");
        }

        var order = await db.ServiceClasses.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0;
        var added = ServiceClass.Define(request!.Code!, request.NameZh!.Trim(), request.NameEn!.Trim(), order + 1);
        db.ServiceClasses.Add(added);
        try
        {
            await AuditTrail.AppendAsync(db, time, user.Id, "catalogue.class.add", $"class:{added.Code}", null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"服务类别“{added.Code}”已经存在。");
        }

        return TypedResults.Created("/api/catalogue/classes", new ServiceClassResponse(added.Code, added.NameZh, added.NameEn));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
