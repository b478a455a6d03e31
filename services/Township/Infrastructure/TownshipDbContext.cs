using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Township.Domain.Households;

namespace ReliefPlatform.Township.Infrastructure;

public sealed class TownshipDbContext(DbContextOptions<TownshipDbContext> options) : DbContext(options)
{
    public DbSet<LocalHousehold> Households => Set<LocalHousehold>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LocalHousehold>(household =>
        {
            household.ToTable("households");
            household.HasKey(h => h.HouseholdId);
            household.Property(h => h.HouseholdId).ValueGeneratedNever();
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Category).HasMaxLength(40);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
