using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Security.Audit;

public sealed record AuditEntryResponse(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string? Details, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? Before);

public sealed record AuditVerificationResponse(long Entries, bool Intact, long? FirstBrokenSequence);

/// <summary>The DbContext that holds a service's audit log, so the shared endpoints need not know its type.</summary>
public sealed record AuditLogDatabase(DbContext Context);

/// <summary>The audit log of a service, for supervisors, county administrators and ops: read it, and verify its chain.</summary>
public static class AuditApi
{
    private const int PageSize = 100;

    public static IServiceCollection AddAuditLogDatabase<TDbContext>(this IServiceCollection services) where TDbContext : DbContext =>
        services.AddScoped(sp => new AuditLogDatabase(sp.GetRequiredService<TDbContext>()));

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app, string area)
    {
        var group = app.MapGroup($"/api/{area}/audit").WithTags("Audit")
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.Supervisor, ReliefRoles.CountyAdmin, ReliefRoles.Ops));

        group.MapGet("/", ListAsync)
            .WithName($"{area}ListAudit")
            .WithSummary("The audit log, newest first (unmasked reads, approvals)");

        group.MapGet("/verify", VerifyAsync)
            .WithName($"{area}VerifyAudit")
            .WithSummary("Walks the hash chain and reports the first entry that was changed, removed or reordered");
        return app;
    }

    public static async Task<Ok<AuditPage>> ListAsync(AuditLogDatabase audit, long? before, string? subject, CancellationToken cancellationToken)
    {
        var query = audit.Context.Set<AuditEntry>().AsNoTracking();
        if (before is not null)
        {
            query = query.Where(e => e.Sequence < before);
        }

        if (!string.IsNullOrEmpty(subject))
        {
            query = query.Where(e => e.Subject == subject);
        }

        var items = await query.OrderByDescending(e => e.Sequence).Take(PageSize)
            .Select(e => new AuditEntryResponse(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Details, e.Hash))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(items, items.Count == PageSize ? items[^1].Sequence : null));
    }

    public static async Task<Ok<AuditVerificationResponse>> VerifyAsync(AuditLogDatabase audit, CancellationToken cancellationToken)
    {
        var result = await AuditTrail.VerifyAsync(audit.Context, cancellationToken);
        return TypedResults.Ok(new AuditVerificationResponse(result.Entries, result.Intact, result.FirstBrokenSequence));
    }
}
