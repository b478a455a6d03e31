using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Provider.Domain.Incubations;
using ReliefPlatform.Provider.Domain.Kinds;
using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.Provider.Infrastructure.EntityConfigurations;

public sealed class IncubationConfiguration : IEntityTypeConfiguration<Incubation>
{
    public void Configure(EntityTypeBuilder<Incubation> builder)
    {
        builder.ToTable("incubations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Subject).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ProviderKind).HasMaxLength(40);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.CreditCode).HasMaxLength(18).IsFixedLength();
        builder.Property(i => i.Affiliation).HasMaxLength(40);
        builder.Property(i => i.HomeTownship).HasMaxLength(12);
        builder.Property(i => i.Purpose).HasMaxLength(500);
        builder.Property(i => i.ContactNameMasked).HasMaxLength(40);
        builder.Property(i => i.ContactPhoneMasked).HasMaxLength(20);
        builder.Property(i => i.AppliedBy).HasMaxLength(100);
        builder.Property(i => i.AssessmentNote).HasMaxLength(1000);
        builder.Property(i => i.AssessedBy).HasMaxLength(100);
        builder.Property(i => i.ClosedReason).HasMaxLength(1000);
        builder.Ignore(i => i.Contact);
        builder.HasIndex(i => i.Status);
        // One provider per incubation, however often graduation is asked for.
        builder.HasIndex(i => i.ProviderId).IsUnique().HasFilter("\"ProviderId\" IS NOT NULL");
        builder.HasOne<ProviderKind>().WithMany().HasForeignKey(i => i.ProviderKind).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NetworkProvider>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Supports).WithOne().HasForeignKey(s => s.IncubationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Supports).HasField("_supports");
        builder.HasMany(i => i.Milestones).WithOne().HasForeignKey(m => m.IncubationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Milestones).HasField("_milestones");
        // Two staff acting at once: the second save fails instead of moving the incubation twice.
        builder.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
    }
}

public sealed class IncubationSupportConfiguration : IEntityTypeConfiguration<IncubationSupport>
{
    public void Configure(EntityTypeBuilder<IncubationSupport> builder)
    {
        builder.ToTable("incubation_supports");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.Amount).HasPrecision(12, 2);
        builder.Property(s => s.ProjectCode).HasMaxLength(40);
        builder.Property(s => s.TownshipCode).HasMaxLength(12);
        builder.Property(s => s.FundingReference).HasMaxLength(60);
        builder.Property(s => s.RecordedBy).HasMaxLength(100);
        builder.HasIndex(s => s.FundingReference).IsUnique().HasFilter("\"FundingReference\" IS NOT NULL");
    }
}

public sealed class IncubationMilestoneConfiguration : IEntityTypeConfiguration<IncubationMilestone>
{
    public void Configure(EntityTypeBuilder<IncubationMilestone> builder)
    {
        builder.ToTable("incubation_milestones");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.Note).HasMaxLength(500);
    }
}
