using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Contracts;
using ReliefPlatform.Funding.Domain.Donations;
using ReliefPlatform.Funding.Domain.Payments;
using ReliefPlatform.Funding.Domain.Projects;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Domain.Sources;
using ReliefPlatform.Funding.Domain.Statements;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Funding.Infrastructure;

public sealed class FundingDbContext : DbContext, ITownshipWalled
{
    /// <summary>The township a township-bound caller is walled into (every <see cref="ITownshipOwned"/> entity); null for county-wide callers and background work.</summary>
    public string? TownshipWall { get; }

    public FundingDbContext(DbContextOptions<FundingDbContext> options)
        : base(options)
    {
    }

    public FundingDbContext(DbContextOptions<FundingDbContext> options, CurrentUser user)
        : base(options)
    {
        TownshipWall = user.WalledTownship;
        if (user.IsInRole(ReliefRoles.ProviderStaff) && !user.IsCountyWide && !user.IsTownshipBound)
        {
            _providerWall = user.ProviderId ?? "";
        }
    }

    /// <summary>The provider wall's filter name: provider staff see only their own provider's statements and payments.</summary>
    public const string ProviderWall = "provider-wall";

    private readonly string? _providerWall;

    public DbSet<FundingSourceType> FundingSourceTypes => Set<FundingSourceType>();

    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();

    public DbSet<AllocationRequest> AllocationRequests => Set<AllocationRequest>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<PurchaseContract> PurchaseContracts => Set<PurchaseContract>();

    public DbSet<PurchaseProject> PurchaseProjects => Set<PurchaseProject>();

    public DbSet<ProjectDocument> ProjectDocuments => Set<ProjectDocument>();

    public DbSet<SupervisionFact> SupervisionFacts => Set<SupervisionFact>();

    public DbSet<Donation> Donations => Set<Donation>();

    public DbSet<ProviderStatement> Statements => Set<ProviderStatement>();

    public DbSet<StatementLine> StatementLines => Set<StatementLine>();

    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();

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
        modelBuilder.Entity<BudgetLine>(line =>
        {
            line.ToTable("budget_lines", t =>
            {
                t.HasCheckConstraint("ck_budget_lines_available_not_negative", "\"Allocated\" - \"Committed\" - \"Spent\" >= 0");
                t.HasCheckConstraint("ck_budget_lines_totals_not_negative", "\"Committed\" >= 0 AND \"Spent\" >= 0");
            });
            line.HasKey(l => l.Id);
            line.Property(l => l.SourceType).HasMaxLength(40);
            line.Property(l => l.ProjectCode).HasMaxLength(40);
            line.Property(l => l.TownshipCode).HasMaxLength(12);
            line.Property(l => l.ItemCode).HasMaxLength(40);
            line.Property(l => l.Allocated).HasPrecision(14, 2);
            line.Property(l => l.Committed).HasPrecision(14, 2);
            line.Property(l => l.Spent).HasPrecision(14, 2);
            line.Ignore(l => l.Available);
            line.HasIndex(l => new { l.Year, l.SourceType, l.ProjectCode, l.TownshipCode, l.ItemCode }).IsUnique();
            line.HasOne<FundingSourceType>().WithMany().HasForeignKey(l => l.SourceType).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AllocationRequest>(request =>
        {
            request.ToTable("allocation_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.SourceType).HasMaxLength(40);
            request.Property(r => r.ProjectCode).HasMaxLength(40);
            request.Property(r => r.TownshipCode).HasMaxLength(12);
            request.Property(r => r.ItemCode).HasMaxLength(40);
            request.Property(r => r.Amount).HasPrecision(14, 2);
            request.Property(r => r.Reason).HasMaxLength(1000);
            request.Property(r => r.RejectionReason).HasMaxLength(1000);
            request.Property(r => r.ProposedBy).HasMaxLength(100);
            request.Property(r => r.DecidedBy).HasMaxLength(100);
            request.Ignore(r => r.Target);
            request.HasIndex(r => r.Status);
            // Two approvers at once: the second save fails instead of allocating twice.
            request.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).UseIdentityAlwaysColumn();
            entry.Property(e => e.Account).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Amount).HasPrecision(14, 2);
            entry.Property(e => e.Reference).HasMaxLength(200);
            entry.Property(e => e.By).HasMaxLength(100);
            entry.HasIndex(e => e.BudgetLineId);
            entry.HasIndex(e => e.TransactionId);
        });
        modelBuilder.Entity<Commitment>(commitment =>
        {
            commitment.ToTable("commitments");
            commitment.HasKey(c => c.Reference);
            commitment.Property(c => c.Reference).HasMaxLength(200);
            commitment.Property(c => c.Amount).HasPrecision(14, 2);
            commitment.Property(c => c.SpentAmount).HasPrecision(14, 2);
            commitment.Property(c => c.ConfirmedAmount).HasPrecision(14, 2);
            commitment.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            commitment.HasIndex(c => c.BudgetLineId);
            commitment.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });
        modelBuilder.Entity<PurchaseContract>(contract =>
        {
            contract.ToTable("purchase_contracts");
            contract.HasKey(c => c.Id);
            contract.Property(c => c.Number).HasMaxLength(60);
            contract.Property(c => c.ProjectCode).HasMaxLength(40);
            contract.Property(c => c.ProviderId).HasMaxLength(64);
            contract.Property(c => c.AwardedBy).HasMaxLength(100);
            contract.Ignore(c => c.CeilingAmount);
            contract.HasIndex(c => c.Number).IsUnique();
            contract.HasIndex(c => new { c.ProjectCode, c.ProviderId });
            contract.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Cascade);
            contract.Navigation(c => c.Items).HasField("_items");
        });
        modelBuilder.Entity<ContractItem>(item =>
        {
            item.ToTable("purchase_contract_items");
            item.HasKey(i => new { i.ContractId, i.ItemCode });
            item.Property(i => i.ItemCode).HasMaxLength(40);
            item.Property(i => i.UnitPrice).HasPrecision(12, 2);
        });
        modelBuilder.Entity<PurchaseProject>(project =>
        {
            project.ToTable("purchase_projects");
            project.HasKey(p => p.Id);
            project.Property(p => p.Code).HasMaxLength(40);
            project.Property(p => p.Name).HasMaxLength(100);
            project.Property(p => p.Goals).HasMaxLength(1000);
            project.Property(p => p.Budget).HasPrecision(14, 2);
            project.Property(p => p.Stage).HasConversion<string>().HasMaxLength(20);
            project.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(10);
            project.HasIndex(p => new { p.Year, p.Code }).IsUnique();
            project.Ignore(p => p.Pending);
            project.Ignore(p => p.IsShut);
            project.Ignore(p => p.MayAwardContracts);
            project.HasMany(p => p.Records).WithOne().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
            project.Navigation(p => p.Records).HasField("_records");
        });
        modelBuilder.Entity<ProjectStageRecord>(record =>
        {
            record.ToTable("project_stage_records");
            record.HasKey(r => r.Id);
            record.Property(r => r.To).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
            record.Property(r => r.Findings).HasMaxLength(2000);
            record.Property(r => r.ProposedBy).HasMaxLength(100);
            record.Property(r => r.DecidedBy).HasMaxLength(100);
            record.Property(r => r.ReturnReason).HasMaxLength(500);
            record.Property(r => r.Figures).HasColumnType("jsonb");
            record.OwnsOne(r => r.Scores, scores => scores.ToJson());
        });
        modelBuilder.Entity<ProjectDocument>(document =>
        {
            document.ToTable("project_documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Stage).HasConversion<string>().HasMaxLength(20);
            document.Property(d => d.FileName).HasMaxLength(200);
            document.Property(d => d.ContentType).HasMaxLength(100);
            document.Property(d => d.Sha256).HasMaxLength(64);
            document.Property(d => d.UploadedBy).HasMaxLength(100);
            document.HasOne<PurchaseProject>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
            document.HasIndex(d => new { d.ProjectId, d.UploadedAt });
        });
        modelBuilder.Entity<SupervisionFact>(fact =>
        {
            fact.ToTable("supervision_facts");
            fact.HasKey(f => f.Id);
            fact.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
            fact.Ignore(f => f.RecordIncomplete);
            fact.Property(f => f.TownshipCode).HasMaxLength(12);
            fact.Property(f => f.ItemCode).HasMaxLength(40);
            fact.Property(f => f.ProviderId).HasMaxLength(64);
            fact.Property(f => f.ProjectCode).HasMaxLength(40);
            fact.Property(f => f.Amount).HasPrecision(14, 2);
            fact.Property(f => f.Days).HasPrecision(8, 2);
            fact.HasIndex(f => new { f.Month, f.Kind });
            fact.HasIndex(f => new { f.SubjectId, f.Kind });
        });
        modelBuilder.Entity<Donation>(donation =>
        {
            donation.ToTable("donations");
            donation.HasKey(d => d.Id);
            donation.Property(d => d.ReceiptNumber).HasMaxLength(20);
            donation.HasIndex(d => d.ReceiptNumber).IsUnique();
            donation.Property(d => d.DonorKind).HasConversion<string>().HasMaxLength(12);
            donation.Property(d => d.Amount).HasPrecision(14, 2);
            donation.Property(d => d.RestrictedItem).HasMaxLength(40);
            donation.Property(d => d.RestrictedTownship).HasMaxLength(12);
            donation.Property(d => d.ProjectCode).HasMaxLength(40);
            donation.Property(d => d.TownshipCode).HasMaxLength(12);
            donation.Property(d => d.Purpose).HasMaxLength(500);
            donation.Property(d => d.RecordedBy).HasMaxLength(100);
            donation.HasIndex(d => d.Year);
        });
        modelBuilder.Entity<ReceiptCounter>(counter =>
        {
            counter.ToTable("receipt_counters");
            counter.HasKey(c => c.Year);
            counter.Property(c => c.Year).ValueGeneratedNever();
        });
        modelBuilder.Entity<ProviderStatement>(statement =>
        {
            statement.ToTable("provider_statements");
            statement.HasKey(s => s.Id);
            statement.Property(s => s.ProviderId).HasMaxLength(64);
            statement.Property(s => s.ContractNumber).HasMaxLength(60);
            statement.Property(s => s.ProjectCode).HasMaxLength(40);
            statement.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
            statement.Property(s => s.PreparedBy).HasMaxLength(100);
            statement.Property(s => s.ApprovedBy).HasMaxLength(100);
            statement.Ignore(s => s.Total);
            statement.Ignore(s => s.Deducted);
            statement.Ignore(s => s.Payable);
            statement.Ignore(s => s.Held);
            statement.HasIndex(s => new { s.ProviderId, s.Month });
            statement.HasIndex(s => s.ContractId);
            statement.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Cascade);
            statement.Navigation(s => s.Lines).HasField("_lines");
            // Two approvers, or a payment racing an approval: the second save fails instead of acting twice.
            statement.Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            statement.HasQueryFilter(ProviderWall, s => _providerWall == null || s.ProviderId == _providerWall);
        });
        modelBuilder.Entity<StatementLine>(line =>
        {
            line.ToTable("provider_statement_lines");
            line.HasKey(l => new { l.StatementId, l.WorkOrderId });
            // A confirmed service is on one statement only, so it can never be paid twice.
            line.HasIndex(l => l.WorkOrderId).IsUnique();
            line.Property(l => l.TownshipCode).HasMaxLength(12);
            line.Property(l => l.ItemCode).HasMaxLength(40);
            line.Property(l => l.Amount).HasPrecision(14, 2);
            line.Property(l => l.Deduction).HasPrecision(14, 2);
            line.Property(l => l.Review).HasConversion<string>().HasMaxLength(12);
            line.Property(l => l.Reason).HasMaxLength(500);
            line.Property(l => l.ReviewedBy).HasMaxLength(100);
            line.Ignore(l => l.Payable);
        });
        modelBuilder.Entity<PaymentBatch>(batch =>
        {
            batch.ToTable("payment_batches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.VoucherNumber).HasMaxLength(40);
            batch.HasIndex(b => b.VoucherNumber).IsUnique();
            batch.Property(b => b.PaidBy).HasMaxLength(100);
            batch.Ignore(b => b.Total);
            batch.HasMany(b => b.Payments).WithOne().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Cascade);
            batch.Navigation(b => b.Payments).HasField("_payments");
        });
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => new { p.BatchId, p.StatementId });
            // A statement is paid once.
            payment.HasIndex(p => p.StatementId).IsUnique();
            payment.Property(p => p.ProviderId).HasMaxLength(64);
            payment.Property(p => p.Amount).HasPrecision(14, 2);
        });
        modelBuilder.AddAuditLog();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyTownshipWall(this);
    }
}
