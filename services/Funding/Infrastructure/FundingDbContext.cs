using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Funding.Domain.Sources;

namespace ReliefPlatform.Funding.Infrastructure;

public sealed class FundingDbContext(DbContextOptions<FundingDbContext> options) : DbContext(options)
{
    public DbSet<FundingSourceType> FundingSourceTypes => Set<FundingSourceType>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FundingSourceType>(entity =>
        {
            entity.ToTable("funding_source_types");
            entity.HasKey(e => e.Code);
            entity.Property(e => e.Code).HasMaxLength(40);
            entity.Property(e => e.NameZh).HasMaxLength(100);
            entity.Property(e => e.NameEn).HasMaxLength(100);
            entity.HasData(
                FundingSourceType.Seed("fiscal-budget", "财政预算", "Fiscal budget", 1),
                FundingSourceType.Seed("donation", "社会捐赠", "Donations", 2),
                FundingSourceType.Seed("charity-fund", "慈善基金", "Charity funds", 3),
                FundingSourceType.Seed("volunteer-service", "志愿服务", "Volunteer service hours", 4));
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
