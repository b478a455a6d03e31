using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Infrastructure;

public sealed class AssessmentDbContext : DbContext, ITownshipWalled
{
    /// <summary>
    /// A stored column of "township/type" keys (<see cref="LedgerTypeKey"/>), GIN-indexed, so the ledger finds a
    /// difficulty type inside one township without reading the township's whole index — most of all when nothing matches.
    /// </summary>
    public const string LedgerTypeKeys = "LedgerTypeKeys";

    public static string LedgerTypeKey(string townshipCode, string type) => $"{townshipCode}/{type}";

    /// <summary>The township a township-bound caller is walled into; null for county-wide callers and background work.</summary>
    public string? TownshipWall { get; }

    public AssessmentDbContext(DbContextOptions<AssessmentDbContext> options)
        : base(options)
    {
    }

    public AssessmentDbContext(DbContextOptions<AssessmentDbContext> options, CurrentUser user)
        : base(options) => TownshipWall = user.WalledTownship;

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<HouseholdAssessment> Assessments => Set<HouseholdAssessment>();

    public DbSet<PublishedInstrument> Instruments => Set<PublishedInstrument>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();

    public DbSet<ImportProfile> ImportProfiles => Set<ImportProfile>();

    public DbSet<DiscoveryAlert> Alerts => Set<DiscoveryAlert>();

    public DbSet<HomeVisit> HomeVisits => Set<HomeVisit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Household>(household =>
        {
            household.ToTable("households");
            household.HasKey(h => h.Id);
            household.Property(h => h.TownshipCode).HasMaxLength(9);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.ProtectedAddress).HasMaxLength(1000);
            household.Property(h => h.ExternalRef).HasMaxLength(40);
            household.Property(h => h.Category).HasConversion<string>().HasMaxLength(40);
            household.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
            household.Property(h => h.ExitReason).HasMaxLength(200);
            household.Property(h => h.Degree).HasConversion<string>().HasMaxLength(20);
            household.Property(h => h.HeadMaskedName).HasMaxLength(40);
            household.Property(h => h.HeadMaskedIdNumber).HasMaxLength(18);
            household.HasIndex(h => h.ReassessmentDueOn);
            // The needs ledger pages a township in either order from an index alone: every column a ledger filter
            // tests is carried in the index, so matching ids are found without visiting the (scattered) rows.
            household.HasIndex(h => new { h.TownshipCode, h.RegisteredAt, h.Id }, "IX_households_ledger_by_registration")
                .IsDescending(false, true, false)
                .IncludeProperties(h => new { h.VillageCode, h.Category, h.Status, h.Degree, h.DifficultyTypes, h.NeedCodes, h.ReassessmentDueOn });
            household.HasIndex(h => new { h.TownshipCode, h.ReassessmentDueOn, h.Id }, "IX_households_ledger_by_due")
                .IncludeProperties(h => new { h.VillageCode, h.Category, h.Status, h.Degree, h.DifficultyTypes, h.NeedCodes, h.RegisteredAt });
            // County-wide by degree, newest first, from the index alone like the township orders above.
            household.HasIndex(h => new { h.Degree, h.RegisteredAt, h.Id }, "IX_households_ledger_by_county_degree")
                .IsDescending(false, true, false)
                .IncludeProperties(h => new { h.TownshipCode, h.VillageCode, h.Category, h.Status, h.DifficultyTypes, h.NeedCodes, h.ReassessmentDueOn });
            // A degree within a township, newest first: counted and paged from the degree's own entries.
            household.HasIndex(h => new { h.TownshipCode, h.Degree, h.RegisteredAt, h.Id }, "IX_households_ledger_by_degree")
                .IsDescending(false, false, true, false);
            household.Property<string[]>(LedgerTypeKeys)
                .HasComputedColumnSql("ledger_type_keys(\"TownshipCode\", \"DifficultyTypes\")", stored: true);
            household.HasIndex(LedgerTypeKeys).HasMethod("gin");
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
            household.HasIndex(h => h.ExternalRef).IsUnique();
            household.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
            household.Navigation(h => h.Members).HasField("_members");
            household.Ignore(h => h.MembersInOrder);
            // Every query of households is walled, so a forgotten Where cannot leak another township.
        });
        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members");
            member.HasKey(m => m.Id);
            member.Property(m => m.TownshipCode).HasMaxLength(9);
            member.Property(m => m.ProtectedName).HasMaxLength(200);
            member.Property(m => m.ProtectedIdNumber).HasMaxLength(200);
            // varchar, not char(n): lookups compare against text[] parameters and must use the index.
            member.Property(m => m.IdNumberIndex).HasMaxLength(64);
            member.Property(m => m.MonthlyIncome).HasPrecision(12, 2);
            member.Property(m => m.MedicalExpense).HasPrecision(12, 2);
            member.Property(m => m.RowHash).HasMaxLength(64);
            member.Property(m => m.MaskedName).HasMaxLength(40);
            member.Property(m => m.MaskedIdNumber).HasMaxLength(18);
            member.Property(m => m.Relationship).HasConversion<string>().HasMaxLength(20);
            member.Property(m => m.DisabilityType).HasConversion<string>().HasMaxLength(20);
            member.Property(m => m.EmploymentStatus).HasConversion<string>().HasMaxLength(20);
            // One person, one registration, county-wide: the blind index is unique across every township.
            member.HasIndex(m => m.IdNumberIndex).IsUnique();
        });
        modelBuilder.Entity<HouseholdAssessment>(assessment =>
        {
            assessment.ToTable("assessments");
            assessment.HasKey(a => a.Id);
            assessment.Property(a => a.TownshipCode).HasMaxLength(9);
            assessment.Property(a => a.Place).HasConversion<string>().HasMaxLength(20);
            assessment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            assessment.Property(a => a.Degree).HasConversion<string>().HasMaxLength(20);
            assessment.Property(a => a.Answers).HasColumnType("jsonb");
            assessment.Property(a => a.Result).HasColumnType("jsonb");
            assessment.Property(a => a.Score).HasPrecision(5, 1);
            assessment.Property(a => a.ProtectedRequests).HasMaxLength(4000);
            assessment.Property(a => a.CreatedBy).HasMaxLength(100);
            assessment.Property(a => a.SubmittedBy).HasMaxLength(100);
            assessment.Property(a => a.ReviewedBy).HasMaxLength(100);
            assessment.Property(a => a.ReturnReason).HasMaxLength(200);
            assessment.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId);
            assessment.HasIndex(a => new { a.HouseholdId, a.CreatedAt });
            assessment.HasIndex(a => new { a.TownshipCode, a.Status });
            // Two reviewers approving at once: the second save fails instead of publishing twice.
            assessment.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });
        modelBuilder.Entity<PublishedInstrument>(instrument =>
        {
            instrument.ToTable("instruments");
            instrument.HasKey(i => i.Version);
            instrument.Property(i => i.Version).ValueGeneratedNever();
            instrument.Property(i => i.Definition).HasColumnType("jsonb");
            instrument.Property(i => i.PublishedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ImportJob>(job =>
        {
            job.ToTable("import_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.FileName).HasMaxLength(200);
            job.Property(j => j.Format).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.Encoding).HasMaxLength(20);
            job.Property(j => j.Sha256).HasMaxLength(64);
            job.Property(j => j.SourceSha256).HasMaxLength(64);
            job.HasIndex(j => j.SourceSha256);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.Error).HasMaxLength(1000);
            job.Property(j => j.CreatedBy).HasMaxLength(100);
            job.Ignore(j => j.PercentDone);
            // Staff cancelling while the worker finishes: whoever writes second is told, not silently overwritten.
            job.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            job.HasIndex(j => new { j.Status, j.CreatedAt });
        });
        modelBuilder.Entity<ImportProfile>(profile =>
        {
            profile.ToTable("import_profiles");
            profile.HasKey(p => p.Id);
            profile.Property(p => p.Name).HasMaxLength(ImportProfile.MaxNameLength);
            profile.Property(p => p.Columns).HasColumnType("jsonb");
            profile.Property(p => p.Values).HasColumnType("jsonb");
            profile.Property(p => p.CreatedBy).HasMaxLength(100);
            profile.HasIndex(p => new { p.Name, p.Version }).IsUnique();
        });
        modelBuilder.Entity<ImportFileChunk>(chunk =>
        {
            chunk.ToTable("import_file_chunks");
            chunk.HasKey(c => new { c.JobId, c.Sequence });
        });
        modelBuilder.Entity<ImportRowError>(error =>
        {
            error.ToTable("import_row_errors");
            error.HasKey(e => e.Id);
            error.Property(e => e.Id).UseIdentityAlwaysColumn();
            error.Property(e => e.HouseholdRef).HasMaxLength(40);
            error.Property(e => e.Field).HasMaxLength(40);
            error.Property(e => e.Message).HasMaxLength(300);
            error.HasIndex(e => new { e.JobId, e.Line });
        });
        modelBuilder.Entity<RecordHistory>(history =>
        {
            history.ToTable("record_history");
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).UseIdentityAlwaysColumn();
            history.Property(h => h.TableName).HasMaxLength(40);
            history.Property(h => h.Previous).HasColumnType("jsonb");
            history.HasIndex(h => new { h.RecordId, h.Id });
            history.HasIndex(h => h.ImportJobId);
        });
        modelBuilder.Entity<DiscoveryAlert>(alert =>
        {
            alert.ToTable("discovery_alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.TownshipCode).HasMaxLength(9);
            alert.Property(a => a.VillageCode).HasMaxLength(12);
            alert.Property(a => a.Rule).HasMaxLength(40);
            alert.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            alert.Property(a => a.ClosedBy).HasMaxLength(100);
            alert.Property(a => a.Resolution).HasMaxLength(200);
            // The same situation raises one open alert: a second one is refused by the database itself.
            alert.HasIndex(a => new { a.SubjectId, a.Rule }).IsUnique().HasFilter("\"Status\" = 'Open'");
            alert.HasIndex(a => new { a.TownshipCode, a.Status, a.VisitDueOn });
            alert.HasIndex(a => a.ImportJobId);
        });
        modelBuilder.Entity<HomeVisit>(visit =>
        {
            visit.ToTable("home_visits");
            visit.HasKey(v => v.Id);
            visit.Property(v => v.Id).ValueGeneratedNever();
            visit.Property(v => v.TownshipCode).HasMaxLength(12);
            visit.Property(v => v.Place).HasConversion<string>().HasMaxLength(10);
            visit.Property(v => v.RecordedBy).HasMaxLength(100);
            visit.HasIndex(v => new { v.HouseholdId, v.VisitedAt });
        });
        modelBuilder.AddAuditLog();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotencyKeys();
        modelBuilder.ApplyTownshipWall(this);
    }
}
