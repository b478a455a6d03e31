using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.Catalogue.IntegrationEvents;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>
/// The second person's decision on a submitted draft (审批): approve — it becomes the next published version,
/// <c>CatalogueVersionPublished</c> goes out through the outbox and the cached catalogue is dropped — or return it.
/// </summary>
public static class CataloguePublishingApi
{
    public static IEndpointRouteBuilder MapCataloguePublishingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue/drafts").WithTags("CatalogueDrafts")
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin));

        group.MapPost("/{id:guid}/approve", ApproveDraft).ProducesProblem(StatusCodes.Status409Conflict).WithName("ApproveCatalogueDraft")
            .WithSummary("Approve a submitted draft (not by anyone who drafted or edited it): it is published as the next version");
        group.MapPost("/{id:guid}/return", ReturnDraft).ProducesProblem(StatusCodes.Status409Conflict).WithName("ReturnCatalogueDraft")
            .WithSummary("Send a submitted draft back for changes, with the reason");
        return app;
    }

    public static async Task<Results<Ok<DraftResponse>, NotFound, ProblemHttpResult>> ApproveDraft(
        Guid id, CatalogueDbContext db, CatalogueStore store, PublishedCatalogueCache cache, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        var errors = draft.Status == VersionStatus.Submitted
            ? await CataloguePublishing.CheckAsync(draft, draft.EffectiveFrom, db, store, time, cancellationToken)
            : [];
        if (errors.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该版本现在不能发布，请退回修改。",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }

        var number = (await db.Versions.MaxAsync(v => v.Number, cancellationToken) ?? 0) + 1;
        try
        {
            draft.Approve(number, user.Id, time.GetUtcNow());
        }
        catch (CatalogueStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        CatalogueAnnouncements.Announce(db, draft, await db.Items.AsNoTracking().Where(i => i.VersionId == id).ToListAsync(cancellationToken), draft.PublishedAt!.Value);
        try
        {
            await AuditTrail.AppendAsync(db, time, user.Id, "catalogue.publish", $"catalogue:{number}",
                $"effective {draft.EffectiveFrom:yyyy-MM-dd}; draft {draft.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another approval won the race (same number, same effective date, or this draft already changed).
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "另一项审批刚刚完成，请刷新后重试。");
        }

        await cache.InvalidateAsync();
        return TypedResults.Ok(await CatalogueDraftsApi.DescribeAsync(draft, db, store, cancellationToken));
    }

    public static async Task<Results<Ok<DraftResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReturnDraft(
        Guid id, ReasonRequest? request, CatalogueDbContext db, CatalogueStore store, CurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请写明退回的原因（不超过 1000 字）。"] }, title: "退回有误");
        }

        try
        {
            draft.Return(request.Reason.Trim(), user.Id);
        }
        catch (CatalogueStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await CatalogueDraftsApi.DescribeAsync(draft, db, store, cancellationToken));
    }
}
