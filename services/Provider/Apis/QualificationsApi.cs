using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

/// <summary>Certificates and licences with their validity; warnings before they expire; an expired one blocks the items that need it.</summary>
public static class QualificationsApi
{
    public const string NumberPurpose = "provider.certificate-number";

    public static IEndpointRouteBuilder MapQualificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider").WithTags("Qualifications").RequireAuthorization(policy => policy.RequireRole(ProvidersApi.Readers));

        group.MapPost("/providers/{id:guid}/qualifications", AddQualification)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ProvidersApi.CountyStaff))
            .WithName("AddProviderQualification")
            .WithSummary("Record a certificate or licence with its validity (a renewal is a new record)");
        group.MapGet("/qualifications/expiring", ListExpiring)
            .RequireAuthorization(policy => policy.RequireRole([.. ProvidersApi.CountyStaff, ReliefRoles.Supervisor]))
            .WithName("ListExpiringQualifications")
            .WithSummary("Qualifications of active providers that have expired or expire within the warning window (30 days), with no valid renewal");
        group.MapGet("/qualification-types", async (ProviderDbContext db, CancellationToken cancellationToken) =>
                TypedResults.Ok(await db.QualificationTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Code, t.NameZh }).ToListAsync(cancellationToken)))
            .WithName("ListQualificationTypes")
            .WithSummary("The certificates the county recognises");
        return app;
    }

    public static async Task<Results<Created<QualificationResponse>, NotFound, ValidationProblem>> AddQualification(
        Guid id, QualificationRequest? request, ProviderDbContext db, PersonalDataProtector protector, IOptions<ProviderOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Providers.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var types = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!types.ContainsKey(request?.Type ?? ""))
        {
            errors["type"] = [$"证书类型应为：{string.Join("、", types.Keys.Order(StringComparer.Ordinal))}。"];
        }

        if (request?.Number?.Trim() is not { Length: >= 4 and <= 40 })
        {
            errors["number"] = ["请填写证书编号（4–40 位）。"];
        }

        if (request?.ValidFrom is not { } from || request.ValidUntil is not { } until)
        {
            errors["validUntil"] = ["请填写证书的有效期（起止日期）。"];
        }
        else if (until < from)
        {
            errors["validUntil"] = ["有效期截止日期不能早于起始日期。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "资质证书信息有误");
        }

        var number = request!.Number!.Trim();
        var qualification = Qualification.Record(
            id, request.Type!, protector.Protect(number, NumberPurpose), Mask(number), request.ValidFrom!.Value, request.ValidUntil!.Value, time.GetUtcNow());
        db.Qualifications.Add(qualification);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/providers/{id}",
            ProviderViews.Qualification(qualification, types[qualification.Type], time.CountyToday(), options.Value.WarningDays));
    }

    public static async Task<Ok<List<ExpiringQualification>>> ListExpiring(
        ProviderDbContext db, IOptions<ProviderOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        var horizon = today.AddDays(options.Value.WarningDays);
        var active = new[] { ProviderStatus.Approved, ProviderStatus.Suspended, ProviderStatus.Reviewed, ProviderStatus.Applied };
        var candidates = await db.Qualifications.AsNoTracking()
            .Where(q => q.ValidUntil < horizon)
            .Join(db.Providers.AsNoTracking().Where(p => active.Contains(p.Status)), q => q.ProviderId, p => p.Id, (q, p) => new { Qualification = q, p.DisplayName })
            .ToListAsync(cancellationToken);
        // A renewal (a later record of the same type, valid beyond the window) clears the warning.
        var renewed = (await db.Qualifications.AsNoTracking().Where(q => q.ValidUntil >= horizon).Select(q => new { q.ProviderId, q.Type }).ToListAsync(cancellationToken))
            .ToHashSet();
        var types = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        return TypedResults.Ok(candidates
            .Where(c => !renewed.Contains(new { c.Qualification.ProviderId, c.Qualification.Type }))
            .OrderBy(c => c.Qualification.ValidUntil)
            .Select(c => new ExpiringQualification(c.Qualification.ProviderId, c.DisplayName,
                ProviderViews.Qualification(c.Qualification, types.GetValueOrDefault(c.Qualification.Type, c.Qualification.Type), today, options.Value.WarningDays)))
            .ToList());
    }

    internal static string Mask(string number) =>
        number.Length <= 4 ? new string('*', number.Length) : string.Concat(number.AsSpan(0, 2), new string('*', number.Length - 4), number.AsSpan(number.Length - 2));
}
