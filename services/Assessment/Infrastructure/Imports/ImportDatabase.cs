using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// The import's own access to the Assessment database: an Npgsql data source for COPY and raw commands, and
/// contexts that belong to no caller (imports are county-wide, never walled to a township).
/// </summary>
public sealed class ImportDatabase(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() =>
    {
        using var scope = scopes.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The Assessment database has no connection string.");
        return NpgsqlDataSource.Create(connectionString);
    });

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public AssessmentDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AssessmentDbContext>().UseNpgsql(DataSource).Options);

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync();
        }
    }
}
