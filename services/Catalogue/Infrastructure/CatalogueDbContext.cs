using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Catalogue.Domain.Classes;

namespace ReliefPlatform.Catalogue.Infrastructure;

public sealed class CatalogueDbContext(DbContextOptions<CatalogueDbContext> options) : DbContext(options)
{
    public DbSet<ServiceClass> ServiceClasses => Set<ServiceClass>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceClass>(entity =>
        {
            entity.ToTable("service_classes");
            entity.HasKey(e => e.Code);
            entity.Property(e => e.Code).HasMaxLength(40);
            entity.Property(e => e.NameZh).HasMaxLength(100);
            entity.Property(e => e.NameEn).HasMaxLength(100);
            entity.HasData(
                ServiceClass.Seed("care", "照护服务类", "Care services", 1),
                ServiceClass.Seed("living", "生活服务类", "Daily-living services", 2),
                ServiceClass.Seed("concern", "关爱服务类", "Care-and-concern services", 3));
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
