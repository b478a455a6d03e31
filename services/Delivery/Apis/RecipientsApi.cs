using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Recipients;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Delivery.Apis;

public sealed record RecipientResponse(
    Guid HouseholdId, string TownshipCode, string VillageCode, string Category, DateTimeOffset RegisteredAt,
    Guid? AssessmentId, string? Degree, IReadOnlyList<string> DifficultyTypes, IReadOnlyList<string> NeedCodes)
{
    public static RecipientResponse From(Recipient r) =>
        new(r.HouseholdId, r.TownshipCode, r.VillageCode, r.Category, r.RegisteredAt, r.AssessmentId, r.Degree, r.DifficultyTypes, r.NeedCodes);
}

public static class RecipientsApi
{
    public static IEndpointRouteBuilder MapRecipientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery/recipients").WithTags("Recipients");

        group.MapGet("/{householdId:guid}", GetRecipient)
            .WithName("GetRecipient")
            .WithSummary("A household Delivery knows from the registry's events");

        return app;
    }

    public static async Task<Results<Ok<RecipientResponse>, NotFound>> GetRecipient(
        Guid householdId, DeliveryDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.HouseholdId == householdId, cancellationToken);
        // Another township's household answers as if it did not exist.
        return recipient is null || !user.MayAccessTownship(recipient.TownshipCode)
            ? TypedResults.NotFound()
            : TypedResults.Ok(RecipientResponse.From(recipient));
    }
}
