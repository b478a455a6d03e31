using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Provider.Domain.Kinds;

namespace ReliefPlatform.Provider.Infrastructure;

public sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options)
{
    public DbSet<ProviderKind> ProviderKinds => Set<ProviderKind>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProviderKind>(entity =>
        {
            entity.ToTable("provider_kinds");
            entity.HasKey(e => e.Code);
            entity.Property(e => e.Code).HasMaxLength(40);
            entity.Property(e => e.NameZh).HasMaxLength(100);
            entity.Property(e => e.NameEn).HasMaxLength(100);
            entity.HasData(
                ProviderKind.Seed("department", "政府部门", "Government department", 1),
                ProviderKind.Seed("mass-organisation", "群团组织", "Mass organisation", 2),
                ProviderKind.Seed("social-work-organisation", "社会工作服务机构", "Social-work organisation", 3),
                ProviderKind.Seed("elderly-care-organisation", "养老服务机构", "Elderly-care organisation", 4),
                ProviderKind.Seed("charity", "慈善组织", "Charity", 5),
                ProviderKind.Seed("volunteer-team", "志愿服务队", "Volunteer team", 6),
                ProviderKind.Seed("individual-volunteer", "个人志愿者", "Individual volunteer", 7),
                ProviderKind.Seed("neighbour-helper", "邻里互助", "Neighbour helper", 8));
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
