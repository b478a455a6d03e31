using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>The assessment instrument: read any published version; the county publishes new ones (old results keep theirs).</summary>
public static class InstrumentsApi
{
    public static IEndpointRouteBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        // Township centres (as the county's services) read the instrument to put its questions on their visit form.
        var group = app.MapGroup("/api/assessment/instruments").WithTags("Instruments")
            .RequireAuthorization(policy => policy.RequireRole([.. HouseholdsApi.RegistryRoles, ReliefRoles.Service]));

        group.MapGet("/current", async Task<Ok<Instrument>> (AssessmentDbContext db, InstrumentCatalog catalog, CancellationToken cancellationToken) =>
                TypedResults.Ok(await catalog.CurrentAsync(db, cancellationToken)))
            .WithName("GetCurrentInstrument")
            .WithSummary("The instrument new assessments are scored by");

        group.MapGet("/{version:int}", async Task<Results<Ok<Instrument>, NotFound>> (int version, AssessmentDbContext db, InstrumentCatalog catalog, CancellationToken cancellationToken) =>
                await catalog.VersionAsync(db, version, cancellationToken) is { } instrument ? TypedResults.Ok(instrument) : TypedResults.NotFound())
            .WithName("GetInstrumentVersion")
            .WithSummary("A published instrument version");

        group.MapPost("/", PublishInstrument)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin).RequireAssertion(c => !new CurrentUser(c.User).IsReadOnly))
            .WithName("PublishInstrument")
            .WithSummary("Publish a new instrument version (county administrators); it applies to assessments started from now on");
        return app;
    }

    public static async Task<Results<Created<Instrument>, ValidationProblem>> PublishInstrument(
        Instrument instrument, AssessmentDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = InstrumentRules.Check(instrument);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "评估量表有误");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var next = (await db.Instruments.MaxAsync(i => (int?)i.Version, cancellationToken) ?? 0) + 1;
        var published = instrument with { Version = next };
        db.Instruments.Add(PublishedInstrument.Publish(published, user.Id, time.GetUtcNow()));
        await AuditTrail.AppendAsync(db, time, user.Id, "instrument.publish", $"instrument:{next}", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/assessment/instruments/{next}", published);
    }
}
