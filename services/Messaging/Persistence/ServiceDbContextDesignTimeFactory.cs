using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReliefPlatform.Messaging.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's context without starting the service;
/// each service derives a one-line factory from this.
/// </summary>
public abstract class ServiceDbContextDesignTimeFactory<TDbContext> : IDesignTimeDbContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public TDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options;
        return (TDbContext)Activator.CreateInstance(typeof(TDbContext), options)!;
    }
}
