using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging;

namespace ReliefPlatform.Benchmarks;

/// <summary>An event of the benchmark's own, with an exchange no service consumes from.</summary>
public sealed record BenchmarkEventRecorded(Guid Id, string TownshipCode, string Category, int MemberCount, DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
}
