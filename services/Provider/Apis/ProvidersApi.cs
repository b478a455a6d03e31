using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

/// <summary>
/// The provider registry (服务主体库) and its onboarding: apply, review, approve by a second person, and later
/// suspend, reinstate or terminate — every step with who, when and why, and on the audit chain; registered details corrected.
/// </summary>
public static class ProvidersApi
{
    public static readonly string[] Readers =
    [
        ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff, ReliefRoles.VillageVisitor,
        ReliefRoles.Finance, ReliefRoles.Supervisor, ReliefRoles.ProviderStaff, ReliefRoles.Service,
    ];

    public static readonly string[] CountyStaff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];

    public const string ContactNamePurpose = "provider.contact-name";
    public const string ContactPhonePurpose = "provider.contact-phone";
    public const string PersonNamePurpose = "provider.person-name";

    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/providers").WithTags("Providers").RequireAuthorization(policy => policy.RequireRole(Readers));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy);

        group.MapGet("/", ListProviders).WithName("ListProviders").WithSummary("Providers by kind, status and township (contacts masked)");
        group.MapGet("/{id:guid}", GetProvider).WithName("GetProvider").WithSummary("A provider with its capabilities, qualifications and history");
        write.MapPost("/", ApplyProvider).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole([.. CountyStaff, ReliefRoles.TownshipStaff]))
            .WithName("ApplyProvider").WithSummary("Register a provider's application to join the network (township staff: for their own township)");
        write.MapPost("/{id:guid}/review", Review).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(CountyStaff))
            .WithName("ReviewProvider").WithSummary("First check of an application (初审)");
        write.MapPost("/{id:guid}/approve", Approve).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(ReliefRoles.CountyAdmin))
            .WithName("ApproveProvider").WithSummary("Second person's approval (not the reviewer): the provider joins the network; ProviderApproved");
        write.MapPost("/{id:guid}/reject", Reject).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(CountyStaff))
            .WithName("RejectProvider").WithSummary("Refuse an application, with the reason");
        write.MapPost("/{id:guid}/suspend", Suspend).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(CountyStaff))
            .WithName("SuspendProvider").WithSummary("No new work until reinstated, with the reason; ProviderSuspended");
        write.MapPost("/{id:guid}/reinstate", Reinstate).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(ReliefRoles.CountyAdmin))
            .WithName("ReinstateProvider").WithSummary("Back to work after a suspension (not by who suspended it); ProviderApproved");
        write.MapPost("/{id:guid}/terminate", Terminate).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(CountyStaff))
            .WithName("TerminateProvider").WithSummary("The provider leaves the network for good, with the reason");
        write.MapPut("/{id:guid}/details", ChangeDetails).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(CountyStaff))
            .WithName("ChangeProviderDetails").WithSummary("Correct the organisation's name, its affiliation or the contact (each optional) — audited");
        write.MapPost("/{id:guid}/contact/reveal", RevealContact).RequireAuthorization(p => p.RequireRole([.. CountyStaff, ReliefRoles.TownshipStaff]))
            .WithName("RevealProviderContact").WithSummary("The contact's full name and phone, with a reason code — audited");
        return app;
    }

    public static async Task<Ok<List<ProviderSummary>>> ListProviders(
        string? kind, ProviderStatus? status, string? townshipCode, ProviderDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var query = Visible(db.Providers.AsNoTracking(), user);
        if (kind is not null)
        {
            query = query.Where(p => p.Kind == kind);
        }

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        if (townshipCode is not null)
        {
            query = query.Where(p => p.HomeTownship == null || p.HomeTownship == townshipCode);
        }

        var providers = await query.OrderBy(p => p.Kind).ThenBy(p => p.DisplayName).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(providers.Select(ProviderViews.Summary).ToList());
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFound>> GetProvider(
        Guid id, ProviderDbContext db, CurrentUser user, TimeProvider time, IOptions<ProviderOptions> options, CancellationToken cancellationToken)
    {
        var provider = await Visible(db.Providers.AsNoTracking().Include(p => p.History), user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return provider is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(provider, db, time, options.Value, cancellationToken));
    }

    public static async Task<Results<Created<ProviderResponse>, ValidationProblem, ProblemHttpResult>> ApplyProvider(
        ProviderApplication? application, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county,
        IOptions<ProviderOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.WalledTownship is { } own && application?.HomeTownship != own)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "乡镇工作人员只能登记本乡镇的服务主体。");
        }

        application = application is null ? null : application with { CreditCode = CreditCode.Normalise(application.CreditCode) };
        var kinds = await db.ProviderKinds.AsNoTracking().Select(k => k.Code).ToListAsync(cancellationToken);
        var errors = ProviderApplicationRules.Check(application, kinds, county.Value);
        if (errors.Count == 0 && application!.CreditCode is { } code && await db.Providers.AnyAsync(p => p.CreditCode == code, cancellationToken))
        {
            errors["creditCode"] = ["该统一社会信用代码已登记，请勿重复登记。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务主体登记信息有误");
        }

        var individual = ProviderKinds.Individuals.Contains(application!.Kind!);
        var personName = individual ? application.PersonName!.Trim() : null;
        var provider = NetworkProvider.Apply(
            application.Kind!,
            personName is null ? application.Name!.Trim() : PersonName.Mask(personName),
            personName is null ? null : protector.Protect(personName, PersonNamePurpose),
            application.CreditCode,
            application.Affiliation,
            application.HomeTownship,
            Protect(application.Contact!, protector),
            user.Id,
            time.GetUtcNow());
        db.Providers.Add(provider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该统一社会信用代码已登记，请勿重复登记。");
        }

        return TypedResults.Created($"/api/provider/providers/{provider.Id}", await DescribeAsync(provider, db, time, options.Value, cancellationToken));
    }

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Review(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "review", reasonRequired: false, db, user, time, (p, reason) => p.Review(user.Id, time.GetUtcNow(), reason), cancellationToken);

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "approve", reasonRequired: false, db, user, time, (p, reason) =>
        {
            p.Approve(user.Id, time.GetUtcNow(), reason);
            db.AddIntegrationEvent(new ProviderApproved(p.Id, p.Kind, p.HomeTownship, time.GetUtcNow()));
        }, cancellationToken);

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "reject", reasonRequired: true, db, user, time, (p, reason) => p.Reject(user.Id, time.GetUtcNow(), reason!), cancellationToken);

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Suspend(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "suspend", reasonRequired: true, db, user, time, (p, reason) =>
        {
            p.Suspend(user.Id, time.GetUtcNow(), reason!);
            db.AddIntegrationEvent(new ProviderSuspended(p.Id, Terminated: false, time.GetUtcNow()));
        }, cancellationToken);

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Reinstate(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "reinstate", reasonRequired: true, db, user, time, (p, reason) =>
        {
            p.Reinstate(user.Id, time.GetUtcNow(), reason!);
            db.AddIntegrationEvent(new ProviderApproved(p.Id, p.Kind, p.HomeTownship, time.GetUtcNow()));
        }, cancellationToken);

    public static Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Terminate(
        Guid id, LifecycleRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, "terminate", reasonRequired: true, db, user, time, (p, reason) =>
        {
            p.Terminate(user.Id, time.GetUtcNow(), reason!);
            db.AddIntegrationEvent(new ProviderSuspended(p.Id, Terminated: true, time.GetUtcNow()));
        }, cancellationToken);

    public static async Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeDetails(
        Guid id, ProviderDetailsRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return TypedResults.NotFound();
        }

        var errors = ProviderApplicationRules.CheckDetails(request, provider.Kind);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务主体信息有误");
        }

        try
        {
            var changed = provider.Amend(request!.Name?.Trim(), request.Affiliation, request.Contact is { } contact ? Protect(contact, protector) : null);
            if (changed.Count > 0)
            {
                // Which details changed, never their values: a contact is a person's name and phone.
                await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "provider.details", $"provider:{id}", $"changed={string.Join(',', changed)}", cancellationToken);
            }
        }
        catch (ProviderStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务主体刚被他人处理，请刷新后重试。");
        }

        return TypedResults.Ok(ProviderViews.Summary(provider));
    }

    public static async Task<Results<Ok<RevealedContact>, NotFound, ValidationProblem>> RevealContact(
        Guid id, RevealRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null || (user.WalledTownship is { } own && provider.HomeTownship is { } home && home != own))
        {
            return TypedResults.NotFound();
        }

        if (request?.Reason is not ("service-dispatch" or "verification" or "correction" or "supervision"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = ["请选择查看原因：service-dispatch（服务派单）、verification（核实）、correction（信息更正）或 supervision（监督检查）。"],
            }, title: "查看联系方式须说明原因");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, time, user.Id, "personal-data.unmask", $"provider:{id}", $"reason={request.Reason}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new RevealedContact(
            id,
            protector.Unprotect(provider.ProtectedContactName, ContactNamePurpose),
            protector.Unprotect(provider.ProtectedContactPhone, ContactPhonePurpose),
            provider.ProtectedPersonName is null ? null : protector.Unprotect(provider.ProtectedPersonName, PersonNamePurpose)));
    }

    /// <summary>Provider staff see only their own provider; township-bound staff the county-wide and their own township's providers.</summary>
    internal static IQueryable<NetworkProvider> Visible(IQueryable<NetworkProvider> providers, CurrentUser user)
    {
        if (user.IsInRole(ReliefRoles.ProviderStaff) && !user.IsInRole(ReliefRoles.CountyAdmin) && !user.IsInRole(ReliefRoles.CountyCaseworker))
        {
            var ownProvider = Guid.TryParse(user.ProviderId, out var id) ? id : Guid.Empty;
            return providers.Where(p => p.Id == ownProvider);
        }

        // Township staff and visitors see the county-wide network and their own township's local providers.
        return user.WalledTownship is { } own ? providers.Where(p => p.HomeTownship == null || p.HomeTownship == own) : providers;
    }

    internal static ProtectedContact Protect(ContactRequest contact, PersonalDataProtector protector)
    {
        var name = contact.Name!.Trim();
        var phone = PhoneNumber.Normalise(contact.Phone!);
        return new ProtectedContact(
            protector.Protect(name, ContactNamePurpose), protector.Protect(phone, ContactPhonePurpose), PersonName.Mask(name), PhoneNumber.Mask(phone));
    }

    /// <summary>
    /// One step of the provider's life, with its reason in the provider's history and an entry on the audit chain (the step and the
    /// states, not the reason's words — free text may name people) in the same transaction.
    /// </summary>
    private static async Task<Results<Ok<ProviderSummary>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, LifecycleRequest? request, string step, bool reasonRequired, ProviderDbContext db, CurrentUser user, TimeProvider time,
        Action<NetworkProvider, string?> move, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.Include(p => p.History).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return TypedResults.NotFound();
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
        if ((reasonRequired && reason is null) || reason is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请写明原因（不超过 1000 字）。"] }, title: "请写明原因");
        }

        try
        {
            var from = provider.Status;
            move(provider, reason);
            await AuditTrail.SaveWithEntryAsync(db, time, user.Id, $"provider.{step}", $"provider:{id}", $"from={from}; to={provider.Status}", cancellationToken);
        }
        catch (ProviderStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务主体刚被他人处理，请刷新后重试。");
        }

        return TypedResults.Ok(ProviderViews.Summary(provider));
    }

    internal static async Task<ProviderResponse> DescribeAsync(
        NetworkProvider provider, ProviderDbContext db, TimeProvider time, ProviderOptions options, CancellationToken cancellationToken)
    {
        var capabilities = await db.Capabilities.AsNoTracking().Where(c => c.ProviderId == provider.Id).OrderBy(c => c.ItemCode).ToListAsync(cancellationToken);
        var qualifications = await db.Qualifications.AsNoTracking().Where(q => q.ProviderId == provider.Id).OrderBy(q => q.Type).ThenBy(q => q.ValidUntil).ToListAsync(cancellationToken);
        var typeNames = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        var today = time.CountyToday();
        return new ProviderResponse(
            ProviderViews.Summary(provider),
            [.. capabilities.Select(ProviderViews.Capability)],
            [.. qualifications.Select(q => ProviderViews.Qualification(q, typeNames.GetValueOrDefault(q.Type, q.Type), today, options.WarningDays))],
            [.. provider.History.OrderBy(h => h.At).Select(h => new StatusChangeResponse(h.From, h.To, h.By, h.At, h.Reason))]);
    }
}
