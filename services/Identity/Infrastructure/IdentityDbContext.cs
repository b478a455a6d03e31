using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Users;

namespace ReliefPlatform.Identity.Infrastructure;

public sealed class ReliefIdentityDbContext(DbContextOptions<ReliefIdentityDbContext> options) : IdentityDbContext<ReliefUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ReliefUser>(user =>
        {
            user.Property(u => u.TownshipCode).HasMaxLength(9);
            user.Property(u => u.VillageCode).HasMaxLength(12);
            user.Property(u => u.ProviderId).HasMaxLength(64);
        });
        builder.UseOpenIddict();
    }
}
