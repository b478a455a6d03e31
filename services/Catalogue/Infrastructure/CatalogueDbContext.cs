using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ReliefPlatform.Catalogue.Domain.Classes;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Domain.Vocabulary;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.Catalogue.Infrastructure;

public sealed class CatalogueDbContext(DbContextOptions<CatalogueDbContext> options) : DbContext(options)
{
    public DbSet<ServiceClass> ServiceClasses => Set<ServiceClass>();

    public DbSet<VocabularyCode> Vocabulary => Set<VocabularyCode>();

    public DbSet<CatalogueVersion> Versions => Set<CatalogueVersion>();

    public DbSet<CatalogueItem> Items => Set<CatalogueItem>();

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
                ServiceClass.Define("care", "照护服务类", "Care services", 1),
                ServiceClass.Define("living", "生活服务类", "Daily-living services", 2),
                ServiceClass.Define("concern", "关爱服务类", "Care-and-concern services", 3));
        });
        modelBuilder.Entity<VocabularyCode>(code =>
        {
            code.ToTable("vocabulary");
            code.HasKey(c => new { c.Kind, c.Code });
            code.Property(c => c.Kind).HasMaxLength(40);
            code.Property(c => c.Code).HasMaxLength(60);
            code.Property(c => c.NameZh).HasMaxLength(100);
            code.HasData(SeedVocabulary.Codes());
        });
        modelBuilder.Entity<CatalogueVersion>(version =>
        {
            version.ToTable("catalogue_versions");
            version.HasKey(v => v.Id);
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            version.Property(v => v.Note).HasMaxLength(2000);
            version.Property(v => v.CreatedBy).HasMaxLength(100);
            version.Property(v => v.SubmittedBy).HasMaxLength(100);
            version.Property(v => v.ApprovedBy).HasMaxLength(100);
            version.Property(v => v.ReturnReason).HasMaxLength(1000);
            // One version per number, and no two published versions starting on the same day.
            version.HasIndex(v => v.Number).IsUnique();
            version.HasIndex(v => v.EffectiveFrom).IsUnique().HasFilter("\"Status\" = 'Published'");
            // Two approvers at once: the second save fails instead of publishing twice.
            version.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });
        modelBuilder.Entity<CatalogueItem>(item =>
        {
            item.ToTable("catalogue_items");
            item.HasKey(i => new { i.VersionId, i.Code });
            item.Property(i => i.Code).HasMaxLength(40);
            item.Property(i => i.ClassCode).HasMaxLength(40);
            item.Property(i => i.RetiredReason).HasMaxLength(1000);
            item.Property(i => i.Definition).HasColumnType("jsonb").HasConversion(
                definition => CatalogueJson.Serialize(definition),
                json => CatalogueJson.Deserialize<ItemDefinition>(json),
                new ValueComparer<ItemDefinition>(
                    (a, b) => CatalogueJson.Serialize(a) == CatalogueJson.Serialize(b),
                    d => CatalogueJson.Serialize(d).GetHashCode(StringComparison.Ordinal),
                    d => d));
            item.HasOne<CatalogueVersion>().WithMany().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
            item.HasOne<ServiceClass>().WithMany().HasForeignKey(i => i.ClassCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.AddAuditLog();
        modelBuilder.AddOutboxAndInbox();
    }
}
