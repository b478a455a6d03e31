using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Recipients;
using ReliefPlatform.Messaging;

namespace ReliefPlatform.Delivery.Infrastructure;

public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Recipient>(recipient =>
        {
            recipient.ToTable("recipients");
            recipient.HasKey(r => r.HouseholdId);
            recipient.Property(r => r.HouseholdId).ValueGeneratedNever();
            recipient.Property(r => r.TownshipCode).HasMaxLength(9);
            recipient.Property(r => r.VillageCode).HasMaxLength(12);
            recipient.Property(r => r.Category).HasMaxLength(40);
            recipient.Property(r => r.Degree).HasMaxLength(20);
            recipient.HasIndex(r => r.TownshipCode);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
