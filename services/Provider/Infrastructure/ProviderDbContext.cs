using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.CatalogueItems;
using ReliefPlatform.Provider.Domain.Incubations;
using ReliefPlatform.Provider.Domain.Kinds;
using ReliefPlatform.Provider.Domain.Pairings;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;
using ReliefPlatform.Provider.Domain.Ratings;
using ReliefPlatform.Provider.Domain.Volunteers;
using ReliefPlatform.Provider.Domain.Workforce;
using ReliefPlatform.Provider.Infrastructure.EntityConfigurations;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Provider.Infrastructure;

public sealed class ProviderDbContext : DbContext, ITownshipWalled
{
    /// <summary>The township a township-bound caller is walled into (every <see cref="ITownshipOwned"/> entity); null for county-wide callers and background work.</summary>
    public string? TownshipWall { get; }

    public ProviderDbContext(DbContextOptions<ProviderDbContext> options)
        : base(options)
    {
    }

    public ProviderDbContext(DbContextOptions<ProviderDbContext> options, CurrentUser user)
        : base(options) => TownshipWall = user.WalledTownship;

    public DbSet<ProviderKind> ProviderKinds => Set<ProviderKind>();

    public DbSet<NetworkProvider> Providers => Set<NetworkProvider>();

    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();

    public DbSet<Capability> Capabilities => Set<Capability>();

    public DbSet<KnownCatalogueItem> CatalogueItems => Set<KnownCatalogueItem>();

    public DbSet<Qualification> Qualifications => Set<Qualification>();

    public DbSet<QualificationType> QualificationTypes => Set<QualificationType>();

    public DbSet<ItemRequirement> ItemRequirements => Set<ItemRequirement>();

    public DbSet<Volunteer> Volunteers => Set<Volunteer>();

    public DbSet<TimeBankEntry> TimeBank => Set<TimeBankEntry>();

    public DbSet<Pairing> Pairings => Set<Pairing>();

    public DbSet<ProviderRating> Ratings => Set<ProviderRating>();

    public DbSet<AssignedOrder> AssignedOrders => Set<AssignedOrder>();

    public DbSet<WorkforceMember> WorkforceMembers => Set<WorkforceMember>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<CourseAttendance> CourseAttendances => Set<CourseAttendance>();

    public DbSet<TrainingCertificate> TrainingCertificates => Set<TrainingCertificate>();

    public DbSet<Incubation> Incubations => Set<Incubation>();

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
        modelBuilder.Entity<NetworkProvider>(provider =>
        {
            provider.ToTable("providers");
            provider.HasKey(p => p.Id);
            provider.Property(p => p.Kind).HasMaxLength(40);
            provider.Property(p => p.DisplayName).HasMaxLength(200);
            provider.Property(p => p.CreditCode).HasMaxLength(18).IsFixedLength();
            provider.Property(p => p.Affiliation).HasMaxLength(40);
            provider.Property(p => p.HomeTownship).HasMaxLength(12);
            provider.Property(p => p.ContactNameMasked).HasMaxLength(40);
            provider.Property(p => p.ContactPhoneMasked).HasMaxLength(20);
            provider.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            provider.Property(p => p.AppliedBy).HasMaxLength(100);
            provider.Property(p => p.ReviewedBy).HasMaxLength(100);
            // One registration per organisation.
            provider.HasIndex(p => p.CreditCode).IsUnique();
            provider.HasIndex(p => new { p.Status, p.Kind });
            provider.HasOne<ProviderKind>().WithMany().HasForeignKey(p => p.Kind).OnDelete(DeleteBehavior.Restrict);
            provider.HasMany(p => p.History).WithOne().HasForeignKey(h => h.ProviderId).OnDelete(DeleteBehavior.Cascade);
            provider.Navigation(p => p.History).HasField("_history");
            // Two reviewers at once: the second save fails instead of moving the provider twice.
            provider.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });
        modelBuilder.Entity<StatusChange>(change =>
        {
            change.ToTable("provider_status_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.By).HasMaxLength(100);
            change.Property(c => c.Reason).HasMaxLength(1000);
        });
        modelBuilder.Entity<Capability>(capability =>
        {
            capability.ToTable("capabilities");
            capability.HasKey(c => new { c.ProviderId, c.ItemCode });
            capability.Property(c => c.ItemCode).HasMaxLength(40);
            capability.Property(c => c.Per).HasConversion<string>().HasMaxLength(10);
            capability.Ignore(c => c.WeeklyCapacity);
            capability.HasIndex(c => c.ItemCode);
            capability.HasOne<NetworkProvider>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<KnownCatalogueItem>(item =>
        {
            item.ToTable("catalogue_items");
            item.HasKey(i => new { i.Version, i.Code });
            item.Property(i => i.Code).HasMaxLength(40);
            item.Property(i => i.ClassCode).HasMaxLength(40);
        });
        modelBuilder.Entity<QualificationType>(type =>
        {
            type.ToTable("qualification_types");
            type.HasKey(t => t.Code);
            type.Property(t => t.Code).HasMaxLength(40);
            type.Property(t => t.NameZh).HasMaxLength(100);
            type.HasData(SeedQualifications.Types());
        });
        modelBuilder.Entity<ItemRequirement>(requirement =>
        {
            requirement.ToTable("item_requirements");
            requirement.HasKey(r => new { r.ItemCode, r.QualificationType });
            requirement.Property(r => r.ItemCode).HasMaxLength(40);
            requirement.HasOne<QualificationType>().WithMany().HasForeignKey(r => r.QualificationType).OnDelete(DeleteBehavior.Restrict);
            requirement.HasData(SeedQualifications.Requirements());
        });
        modelBuilder.Entity<Qualification>(qualification =>
        {
            qualification.ToTable("qualifications");
            qualification.HasKey(q => q.Id);
            qualification.Property(q => q.Type).HasMaxLength(40);
            qualification.Property(q => q.NumberMasked).HasMaxLength(40);
            qualification.HasIndex(q => new { q.ProviderId, q.Type });
            qualification.HasIndex(q => q.ValidUntil);
            qualification.HasIndex(q => q.TrainingCertificateId).IsUnique().HasFilter("\"TrainingCertificateId\" IS NOT NULL");
            qualification.HasOne<NetworkProvider>().WithMany().HasForeignKey(q => q.ProviderId).OnDelete(DeleteBehavior.Cascade);
            qualification.HasOne<QualificationType>().WithMany().HasForeignKey(q => q.Type).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Volunteer>(volunteer =>
        {
            volunteer.ToTable("volunteers");
            volunteer.HasKey(v => v.Id);
            volunteer.Property(v => v.TownshipCode).HasMaxLength(12);
            volunteer.Property(v => v.NameMasked).HasMaxLength(40);
            volunteer.Property(v => v.PhoneMasked).HasMaxLength(20);
            volunteer.Property(v => v.Balance).HasPrecision(10, 1);
            volunteer.HasIndex(v => v.TownshipCode);
            volunteer.ToTable(t => t.HasCheckConstraint("ck_volunteers_balance_not_negative", "\"Balance\" >= 0"));
        });
        modelBuilder.Entity<TimeBankEntry>(entry =>
        {
            entry.ToTable("time_bank_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(10);
            entry.Property(e => e.Hours).HasPrecision(10, 1);
            entry.Property(e => e.BalanceAfter).HasPrecision(10, 1);
            entry.Property(e => e.Reference).HasMaxLength(200);
            entry.Property(e => e.By).HasMaxLength(100);
            // A confirmed service is credited once, however often its confirmation arrives.
            entry.HasIndex(e => new { e.VolunteerId, e.Reference }).IsUnique().HasFilter("\"Kind\" = 'Earned'");
            entry.HasOne<Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Pairing>(pairing =>
        {
            pairing.ToTable("pairings");
            pairing.HasKey(p => p.Id);
            pairing.Property(p => p.TownshipCode).HasMaxLength(12);
            pairing.Property(p => p.PairerKind).HasConversion<string>().HasMaxLength(20);
            pairing.Property(p => p.PairerNameMasked).HasMaxLength(200);
            pairing.Property(p => p.EndReason).HasMaxLength(500);
            pairing.Property(p => p.CreatedBy).HasMaxLength(100);
            pairing.HasIndex(p => new { p.HouseholdId, p.PairerKind });
            pairing.HasIndex(p => p.TownshipCode);
            pairing.HasMany(p => p.Visits).WithOne().HasForeignKey(v => v.PairingId).OnDelete(DeleteBehavior.Cascade);
            pairing.Navigation(p => p.Visits).HasField("_visits");
        });
        modelBuilder.Entity<PairingVisit>(visit =>
        {
            visit.ToTable("pairing_visits");
            visit.HasKey(v => v.Id);
            // Sealed (PairingsApi.VisitSummaryPurpose): 500 characters of Chinese are about 2,100 once sealed.
            visit.Property(v => v.Summary).HasMaxLength(4000);
            visit.Property(v => v.RecordedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ProviderRating>(rating =>
        {
            rating.ToTable("provider_ratings");
            rating.HasKey(r => new { r.ProviderId, r.ItemCode });
            rating.Property(r => r.ProviderId).HasMaxLength(64);
            rating.Property(r => r.ItemCode).HasMaxLength(40);
            rating.Ignore(r => r.Mean);
            rating.Ignore(r => r.SatisfiedShare);
        });
        modelBuilder.Entity<AssignedOrder>(order =>
        {
            order.ToTable("assigned_orders");
            order.HasKey(o => o.WorkOrderId);
            order.Property(o => o.WorkOrderId).ValueGeneratedNever();
            order.Property(o => o.ProviderId).HasMaxLength(64);
            order.Property(o => o.ItemCode).HasMaxLength(40);
            order.HasIndex(o => new { o.ProviderId, o.ItemCode, o.Open });
        });
        modelBuilder.ApplyConfiguration(new WorkforceMemberConfiguration());
        modelBuilder.ApplyConfiguration(new TrainingCourseConfiguration());
        modelBuilder.ApplyConfiguration(new CourseAttendanceConfiguration());
        modelBuilder.ApplyConfiguration(new TrainingCertificateConfiguration());
        modelBuilder.ApplyConfiguration(new IncubationConfiguration());
        modelBuilder.ApplyConfiguration(new IncubationSupportConfiguration());
        modelBuilder.ApplyConfiguration(new IncubationMilestoneConfiguration());
        modelBuilder.AddAuditLog();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyTownshipWall(this);
    }
}
