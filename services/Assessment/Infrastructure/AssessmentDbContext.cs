using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Messaging;

namespace ReliefPlatform.Assessment.Infrastructure;

public sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : DbContext(options)
{
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
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
