using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Complaints;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.Coordination;
using ReliefPlatform.Delivery.Domain.History;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.Providers;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Domain.Recipients;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Infrastructure;

public sealed class DeliveryDbContext : DbContext, ITownshipWalled
{
    // Work orders are walled twice: township-bound staff see their township's, provider staff only their own
    // provider's (in any township). Query filters, so a forgotten Where cannot leak. Null: no wall.
    private readonly string? _providerWall;

    public DeliveryDbContext(DbContextOptions<DeliveryDbContext> options)
        : base(options)
    {
    }

    public DeliveryDbContext(DbContextOptions<DeliveryDbContext> options, CurrentUser user)
        : base(options)
    {
        if (user.IsInRole(ReliefRoles.ProviderStaff) && !user.IsCountyWide && !user.IsTownshipBound)
        {
            _providerWall = user.ProviderId ?? "";
        }
        else
        {
            TownshipWall = user.WalledTownship;
        }

        _departmentWall = user.DepartmentCode;
    }

    // A department officer (in no township) sees the referrals sent to their department, in every township, and nothing else.
    private readonly string? _departmentWall;

    /// <summary>The department wall's filter name: officers see only referrals sent to their own department (not suggestions).</summary>
    public const string DepartmentWall = "department-wall";

    /// <summary>
    /// The referrals the caller may see: for a department officer, their department's across townships (the township
    /// wall gives way to the department wall); for everyone else, the township wall's.
    /// </summary>
    public IQueryable<Referral> ReferralsInView => _departmentWall is null ? Referrals : Referrals.IgnoreQueryFilters([Security.Walls.TownshipWall.FilterName]);

    /// <summary>The provider wall's filter name: provider staff see only their own provider's orders, and no plans, complaints or referrals.</summary>
    public const string ProviderWall = "provider-wall";

    /// <summary>The township a township-bound caller is walled into (every <see cref="ITownshipOwned"/> entity); null for county-wide callers and background work.</summary>
    public string? TownshipWall { get; }

    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<ServicePlan> Plans => Set<ServicePlan>();

    public DbSet<LinePeriod> LinePeriods => Set<LinePeriod>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingAction> MeetingActions => Set<MeetingAction>();

    public DbSet<KnownContract> Contracts => Set<KnownContract>();

    public DbSet<ProjectStanding> ProjectStandings => Set<ProjectStanding>();

    public DbSet<MigrationBatch> MigrationBatches => Set<MigrationBatch>();

    public DbSet<ProviderStanding> ProviderStandings => Set<ProviderStanding>();

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
        modelBuilder.Entity<WorkOrder>(order =>
        {
            order.ToTable("work_orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.TownshipCode).HasMaxLength(12);
            order.Property(o => o.ItemCode).HasMaxLength(40);
            order.Property(o => o.ProviderId).HasMaxLength(64);
            order.Property(o => o.ProjectCode).HasMaxLength(40);
            order.Property(o => o.UnitPrice).HasPrecision(12, 2);
            order.Ignore(o => o.Amount);
            order.Ignore(o => o.Migrated);
            order.HasIndex(o => o.MigrationBatchId).HasFilter("\"MigrationBatchId\" IS NOT NULL");
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            // Sealed free text (DeliverySeal): ciphertext is longer than the text, whose length the API bounds.
            order.Property(o => o.Record).HasColumnType("text");
            order.Property(o => o.SatisfactionComment).HasColumnType("text");
            order.Property(o => o.CancelReason).HasMaxLength(40);
            order.Property(o => o.Place).HasConversion<string>().HasMaxLength(10);
            order.Property(o => o.SealedCheckInPosition).HasMaxLength(200);
            order.HasIndex(o => new { o.TownshipCode, o.Status });
            order.HasIndex(o => new { o.ProviderId, o.Status });
            order.HasIndex(o => o.HouseholdId);
            // The overdue list, its 工作台 count and the SLA timer read only open orders: with a year of closed ones the table was scanned.
            order.HasIndex(o => o.RespondBy).HasDatabaseName("IX_work_orders_RespondBy_Assigned").HasFilter("\"Status\" = 'Assigned'");
            order.HasIndex(o => o.CompleteBy).HasDatabaseName("IX_work_orders_CompleteBy_Open").HasFilter("\"Status\" IN ('Assigned', 'Scheduled', 'InProgress')");
            order.HasIndex(o => new { o.PlanId, o.ItemCode, o.PeriodStarts }).HasFilter("\"PlanId\" IS NOT NULL");
            // A contract's cap (ContractCaps.OrderedAsync) sums its orders on every match and order: without this the whole table
            // was read each time (the flow benchmark's pg_stat_user_tables: ~900 sequential scans of work_orders a minute).
            order.HasIndex(o => new { o.ContractId, o.ItemCode }).HasFilter("\"ContractId\" IS NOT NULL");
            order.HasMany(o => o.Steps).WithOne().HasForeignKey(s => s.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Steps).HasField("_steps");
            // Two people moving the same order at once: the second save fails instead of skipping a state.
            order.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            order.HasQueryFilter(ProviderWall, o => _providerWall == null || o.ProviderId == _providerWall);
        });
        modelBuilder.Entity<WorkOrderStep>(step =>
        {
            step.ToTable("work_order_steps");
            step.HasKey(s => s.Id);
            step.Property(s => s.From).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.To).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.By).HasMaxLength(100);
        });
        modelBuilder.Entity<ServicePlan>(plan =>
        {
            plan.ToTable("service_plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.TownshipCode).HasMaxLength(12);
            plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            plan.Property(p => p.Considered).HasColumnType("jsonb");
            plan.Property(p => p.EditedBy).HasMaxLength(100);
            plan.Property(p => p.ApprovedBy).HasMaxLength(100);
            plan.HasIndex(p => new { p.HouseholdId, p.Status });
            plan.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PlanId).OnDelete(DeleteBehavior.Cascade);
            plan.Navigation(p => p.Lines).HasField("_lines");
            plan.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            plan.HasQueryFilter(ProviderWall, p => _providerWall == null);
        });
        modelBuilder.Entity<PlanLine>(line =>
        {
            line.ToTable("service_plan_lines");
            line.HasKey(l => new { l.PlanId, l.ItemCode });
            line.Property(l => l.ItemCode).HasMaxLength(40);
            line.Property(l => l.ItemName).HasMaxLength(100);
            line.Property(l => l.Per).HasMaxLength(10);
            line.Property(l => l.Reasons).HasMaxLength(4000);
            line.Property(l => l.Note).HasMaxLength(500);
            line.Property(l => l.ProviderId).HasMaxLength(64);
            line.Property(l => l.LostProviderId).HasMaxLength(64);
            line.Property(l => l.MatchExplanation).HasMaxLength(500);
            line.Ignore(l => l.Unmet);
            line.Ignore(l => l.AwaitingMatch);
            line.Ignore(l => l.FrequencyRange);
            // Two matchings of one line at once (the rematcher and a caseworker, or two caseworkers): the second save fails,
            // and with it the second work order, instead of the household getting the service twice.
            line.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            line.HasIndex(l => l.MatchRetryAt).HasFilter("\"MatchRetryAt\" IS NOT NULL");
            // The unmet-needs list and its 工作台 count: the predicate is the one ServicePlansApi.Unmet renders, so the planner can use it.
            line.HasIndex(l => l.PlanId).HasDatabaseName("IX_service_plan_lines_PlanId_Unmet")
                .HasFilter("\"Included\" AND ((\"ProviderId\" IS NULL AND \"MatchExplanation\" IS NOT NULL AND \"MatchRetryAt\" IS NULL) OR \"UnmetReason\" IS NOT NULL)");
        });
        modelBuilder.Entity<LinePeriod>(period =>
        {
            // The key is the once-per-period guarantee: a second claim of a line's period (another instance) is refused.
            period.ToTable("service_plan_line_periods");
            period.HasKey(p => new { p.PlanId, p.ItemCode, p.Starts });
            period.Property(p => p.ItemCode).HasMaxLength(40);
            period.Property(p => p.UnmetReason).HasMaxLength(40);
            period.HasOne<ServicePlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.TownshipCode).HasMaxLength(12);
            complaint.Property(c => c.Category).HasConversion<string>().HasMaxLength(20);
            complaint.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            complaint.Property(c => c.Description).HasColumnType("text");
            complaint.Property(c => c.ReceivedBy).HasMaxLength(100);
            complaint.Property(c => c.AssignedTo).HasMaxLength(100);
            complaint.Property(c => c.Resolution).HasColumnType("text");
            complaint.HasIndex(c => new { c.TownshipCode, c.Status, c.DueBy });
            complaint.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            complaint.HasQueryFilter(ProviderWall, c => _providerWall == null);
        });
        modelBuilder.Entity<Referral>(referral =>
        {
            referral.ToTable("referrals");
            referral.HasKey(r => r.Id);
            referral.Property(r => r.TownshipCode).HasMaxLength(12);
            referral.Property(r => r.Department).HasMaxLength(40);
            referral.Property(r => r.Need).HasColumnType("text");
            referral.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            referral.Property(r => r.SentBy).HasMaxLength(100);
            referral.Property(r => r.Outcome).HasColumnType("text");
            referral.Property(r => r.Kind).HasMaxLength(60);
            referral.HasIndex(r => new { r.TownshipCode, r.Status });
            referral.HasIndex(r => new { r.Department, r.Status, r.DueBy });
            // An assessment suggests each kind once, however often its event is delivered.
            referral.HasIndex(r => new { r.AssessmentId, r.Kind }).IsUnique().HasFilter("\"AssessmentId\" IS NOT NULL");
            referral.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            referral.HasQueryFilter(ProviderWall, r => _providerWall == null);
            referral.HasQueryFilter(DepartmentWall, r => _departmentWall == null
                || (r.Department == _departmentWall && r.Status != ReferralStatus.Suggested && r.Status != ReferralStatus.Dismissed));
        });
        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.ToTable("meetings");
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
            meeting.Property(m => m.Subject).HasColumnType("text");
            meeting.Property(m => m.ConvenedBy).HasMaxLength(100);
            meeting.HasMany(m => m.Actions).WithOne().HasForeignKey(a => a.MeetingId);
            meeting.Navigation(m => m.Actions).UsePropertyAccessMode(PropertyAccessMode.Field);
            meeting.HasIndex(m => m.HeldOn);
            meeting.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            // The hub's: no provider or department sees a meeting (a department sees the action items it owns).
            meeting.HasQueryFilter(ProviderWall, m => _providerWall == null);
            meeting.HasQueryFilter(DepartmentWall, m => _departmentWall == null);
        });
        modelBuilder.Entity<MeetingAction>(action =>
        {
            action.ToTable("meeting_actions");
            action.HasKey(a => a.Id);
            action.Property(a => a.Decision).HasColumnType("text");
            action.Property(a => a.Owner).HasMaxLength(40);
            action.Property(a => a.DoneBy).HasMaxLength(100);
            action.Property(a => a.Result).HasColumnType("text");
            action.HasIndex(a => new { a.Owner, a.DoneAt, a.DueOn });
            action.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            action.HasQueryFilter(ProviderWall, a => _providerWall == null);
            action.HasQueryFilter(DepartmentWall, a => _departmentWall == null || a.Owner == _departmentWall);
        });
        modelBuilder.Entity<KnownContract>(contract =>
        {
            contract.ToTable("contracts");
            contract.HasKey(c => new { c.ContractId, c.ItemCode });
            contract.Property(c => c.ItemCode).HasMaxLength(40);
            contract.Property(c => c.Number).HasMaxLength(60);
            contract.Property(c => c.ProjectCode).HasMaxLength(40);
            contract.Property(c => c.ProviderId).HasMaxLength(64);
            contract.Property(c => c.UnitPrice).HasPrecision(12, 2);
            contract.HasIndex(c => new { c.ProviderId, c.ItemCode });
        });
        modelBuilder.Entity<ProjectStanding>(project =>
        {
            project.ToTable("project_standings");
            project.HasKey(p => new { p.Year, p.ProjectCode });
            project.Property(p => p.ProjectCode).HasMaxLength(40);
            project.Property(p => p.Stage).HasMaxLength(20);
            project.Property(p => p.Outcome).HasMaxLength(10);
        });
        modelBuilder.Entity<ProviderStanding>(standing =>
        {
            standing.ToTable("provider_standings");
            standing.HasKey(s => s.ProviderId);
            standing.Property(s => s.ProviderId).HasMaxLength(64);
            standing.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            standing.Ignore(s => s.InGoodStanding);
            // No concurrency token: a fact is applied with the row locked for update (StandingForUpdateAsync), so two facts
            // about one provider take turns and the latest-fact rule is always decided on the fresh row.
        });
        modelBuilder.Entity<MigrationBatch>(batch =>
        {
            batch.ToTable("migration_batches");
            batch.HasKey(b => b.Id);
            // The same source migrated twice writes nothing the second time, even when both arrive at once.
            batch.Property(b => b.SourceReference).HasMaxLength(100);
            batch.HasIndex(b => b.SourceReference).IsUnique();
            batch.Property(b => b.MigratedBy).HasMaxLength(100);
            batch.Property(b => b.Amount).HasPrecision(14, 2);
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotencyKeys();
        modelBuilder.AddAuditLog();
        modelBuilder.ApplyTownshipWall(this);
    }
}
