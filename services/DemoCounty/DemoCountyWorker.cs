using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Demo;

/// <summary>
/// Fills the Development county once the gateway answers, then stops: the dashboard shows the resource Finished (exit
/// code 0), or exit code 1 with the reason in its log.
/// </summary>
internal sealed class DemoCountyWorker(
    IOptions<DemoCountyOptions> options, IOptions<CountyOptions> county, IHttpClientFactory factory, DemoCountyProgress progress,
    ILogger<DemoCountyWorker> logger, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var users = new DemoUsersClients(factory, options.Value.Password);
        try
        {
            // The gateway is healthy before the AppHost starts this; sign-in is retried while Identity finishes its own start.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await users.ClientAsync(DemoCountySeeder.Caseworker, stoppingToken);
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or DemoCountyException && attempt < 60)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }

            var seeder = new DemoCountySeeder(options.Value, county.Value, new CountyApi(users.ClientAsync, users.SignedOut), progress, logger, time);
            await seeder.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            logger.Failed(e.Message);
            Environment.ExitCode = 1;
        }

        lifetime.StopApplication();
    }
}
