using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Authorization;

namespace ReliefPlatform.Assessment.Infrastructure;

public sealed class AssessmentDbContext : DbContext
{
    /// <summary>The township a township-bound caller is walled into; null for county-wide callers and background work.</summary>
    private readonly string? _townshipWall;

    public AssessmentDbContext(DbContextOptions<AssessmentDbContext> options)
        : base(options)
    {
    }

    public AssessmentDbContext(DbContextOptions<AssessmentDbContext> options, CurrentUser user)
        : base(options) => _townshipWall = user.WalledTownship;

    public DbSet<Household> Households => Set<Household>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Household>(household =>
        {
            household.ToTable("households");
            household.HasKey(h => h.Id);
            household.Property(h => h.TownshipCode).HasMaxLength(9);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Category).HasConversion<string>().HasMaxLength(40);
            household.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
            // Every query of households is walled, so a forgotten Where cannot leak another township.
            household.HasQueryFilter(h => _townshipWall == null || h.TownshipCode == _townshipWall);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
