using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>
/// Drafting the next catalogue version (修订清单): start from the latest published version, replace, add or
/// retire items, then submit it with an effective date for a second person to approve (see <see cref="CataloguePublishingApi"/>).
/// </summary>
public static class CatalogueDraftsApi
{
    public static readonly string[] Editors = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];

    private const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapCatalogueDraftsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue/drafts").WithTags("CatalogueDrafts")
            .RequireAuthorization(policy => policy.RequireRole([.. Editors, ReliefRoles.Supervisor]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(Editors));

        group.MapGet("/", ListDrafts).WithName("ListCatalogueDrafts").WithSummary("Drafts being edited or waiting for approval");
        group.MapGet("/{id:guid}", GetDraft).WithName("GetCatalogueDraft").WithSummary("A draft with its items");
        write.MapPost("/", StartDraft).WithName("StartCatalogueDraft")
            .WithSummary("Start a draft of the next version, holding the items of the latest published version");
        write.MapPut("/{id:guid}/items/{code}", PutItem).ProducesProblem(StatusCodes.Status409Conflict).WithName("PutCatalogueDraftItem")
            .WithSummary("Add an item to the draft or replace it (a retired item put again is reinstated)");
        write.MapPost("/{id:guid}/items/{code}/retire", RetireItem).ProducesProblem(StatusCodes.Status409Conflict).WithName("RetireCatalogueDraftItem")
            .WithSummary("Retire an item in this version, with the reason; it stays readable and matches nobody");
        write.MapDelete("/{id:guid}/items/{code}", RemoveItem).ProducesProblem(StatusCodes.Status409Conflict).WithName("RemoveCatalogueDraftItem")
            .WithSummary("Take out an item added in this draft (a published item is retired instead)");
        write.MapPost("/{id:guid}/submit", SubmitDraft).ProducesProblem(StatusCodes.Status409Conflict).WithName("SubmitCatalogueDraft")
            .WithSummary("Hand the draft in for approval with the date it takes effect");
        write.MapDelete("/{id:guid}", DiscardDraft).ProducesProblem(StatusCodes.Status409Conflict).WithName("DiscardCatalogueDraft").WithSummary("Give up a draft");
        return app;
    }

    public static async Task<Ok<List<DraftSummary>>> ListDrafts(CatalogueDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Versions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Draft || v.Status == VersionStatus.Submitted)
            .OrderByDescending(v => v.CreatedAt)
            .Select(v => new DraftSummary(v.Id, v.BasedOn, v.Status, v.Note, v.EffectiveFrom, v.CreatedAt, db.Items.Count(i => i.VersionId == v.Id)))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Ok<DraftResponse>, NotFound>> GetDraft(
        Guid id, CatalogueDbContext db, CatalogueStore store, CancellationToken cancellationToken) =>
        await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is { } version
            ? TypedResults.Ok(await DescribeAsync(version, db, store, cancellationToken))
            : TypedResults.NotFound();

    public static async Task<Results<Created<DraftResponse>, ValidationProblem>> StartDraft(
        NewDraftRequest? request, CatalogueDbContext db, CatalogueStore store, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        // The note says why the catalogue is being revised; the approver reads it, so a draft without one is refused.
        if (string.IsNullOrWhiteSpace(request?.Note) || request.Note.Length > MaxNoteLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["请填写修订说明（不超过 2000 字）。"] }, title: "草稿有误");
        }

        var latest = await store.LatestPublishedAsync(cancellationToken);
        var draft = CatalogueVersion.Draft(latest?.Number, request.Note.Trim(), user.Id, time.GetUtcNow());
        db.Versions.Add(draft);
        if (latest is not null)
        {
            // Items retired in the base version were announced then; the new version carries only the living ones.
            var items = await db.Items.AsNoTracking().Where(i => i.VersionId == latest.Id && !i.Retired).ToListAsync(cancellationToken);
            db.Items.AddRange(items.Select(i => i.CopyTo(draft.Id)));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/catalogue/drafts/{draft.Id}", await DescribeAsync(draft, db, store, cancellationToken));
    }

    public static async Task<Results<Ok<ItemResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PutItem(
        Guid id, string code, ItemDefinition? item, CatalogueDbContext db, CatalogueStore store, CurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        if (Edit(draft, user) is { } refused)
        {
            return refused;
        }

        if (item is not null && !string.IsNullOrEmpty(item.Code) && item.Code != code)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["请求体中的事项编码与地址中的不一致。"] }, title: "服务事项有误");
        }

        item = item is null ? null : item with { Code = code };
        var errors = ItemRules.Check(item, await store.RulesContextAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务事项有误");
        }

        var existing = await db.Items.FirstOrDefaultAsync(i => i.VersionId == id && i.Code == code, cancellationToken);
        if (existing is null)
        {
            existing = CatalogueItem.In(id, item!);
            db.Items.Add(existing);
        }
        else
        {
            existing.Replace(item!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await store.PresenterAsync(cancellationToken)).Present(existing));
    }

    public static async Task<Results<Ok<ItemResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RetireItem(
        Guid id, string code, ReasonRequest? request, CatalogueDbContext db, CatalogueStore store, CurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var item = await db.Items.FirstOrDefaultAsync(i => i.VersionId == id && i.Code == code, cancellationToken);
        if (draft is null || item is null)
        {
            return TypedResults.NotFound();
        }

        if (Edit(draft, user) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请写明停止该事项的原因（不超过 1000 字）。"] }, title: "停止事项有误");
        }

        item.Retire(request.Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await store.PresenterAsync(cancellationToken)).Present(item));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveItem(
        Guid id, string code, CatalogueDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var item = await db.Items.FirstOrDefaultAsync(i => i.VersionId == id && i.Code == code, cancellationToken);
        if (draft is null || item is null)
        {
            return TypedResults.NotFound();
        }

        if (Edit(draft, user) is { } refused)
        {
            return refused;
        }

        var published = draft.BasedOn is { } basedOn
            && await db.Items.AnyAsync(i => i.Code == code && db.Versions.Any(v => v.Id == i.VersionId && v.Number == basedOn), cancellationToken);
        if (published)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "该事项已在已发布的清单中，不能删除，只能停止（retire）并写明原因。");
        }

        db.Items.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<DraftResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitDraft(
        Guid id, SubmitDraftRequest? request, CatalogueDbContext db, CatalogueStore store, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        var errors = await CataloguePublishing.CheckAsync(draft, request?.EffectiveFrom, db, store, time, cancellationToken);
        if (request?.Note is { Length: > MaxNoteLength })
        {
            errors["note"] = ["修订说明不超过 2000 字。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "清单不能提交审批");
        }

        try
        {
            draft.Submit(request!.EffectiveFrom!.Value, request.Note?.Trim() is { Length: > 0 } note ? note : draft.Note, user.Id, time.GetUtcNow());
        }
        catch (CatalogueStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(draft, db, store, cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DiscardDraft(
        Guid id, CatalogueDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await db.Versions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            draft.Discard(user.Id);
        }
        catch (CatalogueStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<DraftResponse> DescribeAsync(CatalogueVersion version, CatalogueDbContext db, CatalogueStore store, CancellationToken cancellationToken)
    {
        var presenter = await store.PresenterAsync(cancellationToken);
        var items = await db.Items.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.ClassCode).ThenBy(i => i.Code).ToListAsync(cancellationToken);
        return new DraftResponse(version.Id, version.BasedOn, version.Status, version.Note, version.EffectiveFrom, version.CreatedBy, version.CreatedAt,
            version.SubmittedAt, version.ReturnReason, version.Number, [.. items.Select(presenter.Present)]);
    }

    private static ProblemHttpResult? Edit(CatalogueVersion draft, CurrentUser user)
    {
        try
        {
            draft.Edit(user.Id);
            return null;
        }
        catch (CatalogueStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
    }
}
