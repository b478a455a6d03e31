using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Catalogue;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Provider.IntegrationEvents;

/// <summary>
/// While Provider knows no catalogue (a fresh database, or it started after Catalogue announced), asks Catalogue
/// to announce its published versions again, every few seconds until one arrives.
/// </summary>
public sealed partial class CatalogueRequester(
    IServiceScopeFactory scopes, IBus bus, TimeProvider time, IOptions<ProviderOptions> options, ILogger<CatalogueRequester> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProviderDbContext>();
                if (await db.CatalogueItems.AnyAsync(stoppingToken))
                {
                    return;
                }

                await bus.Publish(new CatalogueAnnouncementRequested(ResourceNames.Provider, time.GetUtcNow()), stoppingToken);
                LogRequested(logger);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRequestFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.CatalogueRequestInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No service catalogue known yet; asked Catalogue to announce it.")]
    private static partial void LogRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking Catalogue for its versions failed ({Error}); trying again.")]
    private static partial void LogRequestFailed(ILogger logger, string error);
}
