using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Projects;

namespace ReliefPlatform.Funding.Infrastructure;

/// <summary>What a purchase project's stage allows: the one place contracts and reservations ask.</summary>
public static class ProjectGate
{
    /// <summary>Does the project (year and code) exist and fail its acceptance or stand closed? A code Funding keeps no project for is not shut.</summary>
    public static async Task<bool> IsShutAsync(FundingDbContext db, int year, string projectCode, CancellationToken cancellationToken) =>
        await FindAsync(db, year, projectCode, cancellationToken) is { IsShut: true };

    public static Task<PurchaseProject?> FindAsync(FundingDbContext db, int year, string projectCode, CancellationToken cancellationToken) =>
        db.PurchaseProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year && p.Code == projectCode, cancellationToken);
}
