using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Township.Domain.Captures;
using ReliefPlatform.Township.Domain.Complaints;
using ReliefPlatform.Township.Domain.Referrals;
using ReliefPlatform.Township.Domain.Households;
using ReliefPlatform.Township.Domain.Orders;
using ReliefPlatform.Township.Domain.Worklist;

namespace ReliefPlatform.Township.Infrastructure;

public sealed class TownshipDbContext(DbContextOptions<TownshipDbContext> options) : DbContext(options)
{
    public DbSet<LocalHousehold> Households => Set<LocalHousehold>();

    public DbSet<VisitTask> Tasks => Set<VisitTask>();

    public DbSet<LocalWorkOrder> WorkOrders => Set<LocalWorkOrder>();

    public DbSet<LocalComplaint> Complaints => Set<LocalComplaint>();

    public DbSet<LocalReferral> Referrals => Set<LocalReferral>();

    public DbSet<Capture> Captures => Set<Capture>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LocalHousehold>(household =>
        {
            household.ToTable("households");
            household.HasKey(h => h.HouseholdId);
            household.Property(h => h.HouseholdId).ValueGeneratedNever();
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Category).HasMaxLength(40);
            household.Property(h => h.Degree).HasMaxLength(20);
        });
        modelBuilder.Entity<VisitTask>(task =>
        {
            task.ToTable("visit_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Id).ValueGeneratedNever();
            task.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            task.Property(t => t.State).HasConversion<string>().HasMaxLength(10);
            task.Property(t => t.VillageCode).HasMaxLength(12);
            task.Property(t => t.Reason).HasMaxLength(60);
            task.Property(t => t.AssignedTo).HasMaxLength(100);
            task.Property(t => t.DoneBy).HasMaxLength(100);
            // The same situation raises one open task, even when two deliveries race.
            task.HasIndex(t => new { t.Kind, t.SourceId }).IsUnique().HasFilter("\"State\" = 'Open'");
            task.HasIndex(t => new { t.State, t.DueOn });
            task.HasIndex(t => t.HouseholdId);
        });
        modelBuilder.Entity<LocalWorkOrder>(order =>
        {
            order.ToTable("work_orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(12);
            order.Property(o => o.ItemCode).HasMaxLength(40);
            order.Property(o => o.ProviderId).HasMaxLength(100);
            order.HasIndex(o => new { o.Status, o.UpdatedAt });
            order.HasIndex(o => o.HouseholdId);
        });
        modelBuilder.Entity<LocalComplaint>(complaint =>
        {
            complaint.ToTable("complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.Category).HasMaxLength(20);
            complaint.HasIndex(c => new { c.ClosedAt, c.DueBy });
            complaint.HasIndex(c => c.HouseholdId);
        });
        modelBuilder.Entity<LocalReferral>(referral =>
        {
            referral.ToTable("referrals");
            referral.HasKey(r => r.Id);
            referral.Property(r => r.Id).ValueGeneratedNever();
            referral.Property(r => r.Department).HasMaxLength(40);
            referral.HasIndex(r => new { r.ClosedAt, r.OverdueSince });
            referral.HasIndex(r => r.HouseholdId);
        });
        modelBuilder.Entity<Capture>(capture =>
        {
            capture.ToTable("captures");
            capture.HasKey(c => c.Id);
            capture.Property(c => c.Id).ValueGeneratedNever();
            capture.Property(c => c.Sequence).UseIdentityAlwaysColumn();
            capture.Property(c => c.Sequence).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            capture.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            capture.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
            capture.Property(c => c.CapturedBy).HasMaxLength(100);
            capture.Property(c => c.LastError).HasMaxLength(100);
            capture.Property(c => c.ConflictReason).HasMaxLength(500);
            capture.Property(c => c.AcknowledgedBy).HasMaxLength(100);
            capture.HasIndex(c => new { c.State, c.Sequence });
            capture.HasIndex(c => new { c.HouseholdId, c.Sequence });
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditLog();
    }
}
