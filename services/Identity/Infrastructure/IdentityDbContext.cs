using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Accounts;
using ReliefPlatform.Identity.Domain.Providers;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.Identity.Infrastructure;

public sealed class ReliefIdentityDbContext(DbContextOptions<ReliefIdentityDbContext> options) : IdentityDbContext<ReliefUser>(options)
{
    public DbSet<AccountActivation> Activations => Set<AccountActivation>();

    public DbSet<AuthenticatorResetRequest> AuthenticatorResets => Set<AuthenticatorResetRequest>();

    public DbSet<ProviderStanding> ProviderStandings => Set<ProviderStanding>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ReliefUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(DisplayNames.MaxLength);
            user.Property(u => u.TownshipCode).HasMaxLength(9);
            user.Property(u => u.VillageCodes);
            user.Property(u => u.ProviderId).HasMaxLength(64);
            user.Property(u => u.DepartmentCode).HasMaxLength(40);
            user.Property(u => u.CreatedBy).HasMaxLength(64);
            user.Ignore(u => u.IsDisabled);
            user.HasIndex(u => u.ProviderId);
            user.HasIndex(u => u.TownshipCode);
        });
        builder.Entity<AccountActivation>(activation =>
        {
            activation.ToTable("account_activations");
            activation.HasKey(a => a.Id);
            activation.Property(a => a.UserId).HasMaxLength(450);
            activation.Property(a => a.IssuedBy).HasMaxLength(64);
            activation.HasIndex(a => a.UserId);
        });
        builder.Entity<AuthenticatorResetRequest>(reset =>
        {
            reset.ToTable("authenticator_reset_requests");
            reset.HasKey(r => r.Id);
            reset.Property(r => r.UserId).HasMaxLength(450);
            reset.Property(r => r.RequestedBy).HasMaxLength(64);
            reset.Property(r => r.ApprovedBy).HasMaxLength(64);
            reset.Ignore(r => r.IsPending);
            reset.HasIndex(r => r.UserId);
        });
        builder.Entity<ProviderStanding>(standing =>
        {
            standing.ToTable("provider_standings");
            standing.HasKey(s => s.ProviderId);
            standing.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            standing.Ignore(s => s.MayWork);
        });
        builder.UseOpenIddict();
        builder.AddAuditLog();
        builder.AddOutboxAndInbox();
    }
}
