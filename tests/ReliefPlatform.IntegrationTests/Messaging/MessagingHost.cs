using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ReliefPlatform.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// A service-shaped host wired with the real building block (database, MassTransit on the county's
/// RabbitMQ, outbox relay), on a database of its own.
/// </summary>
internal static class MessagingHost
{
    private const string Database = "widgetdb";

    public static async Task<IHost> CreateAsync(
        CountyAppFixture county,
        string endpointPrefix,
        Action<IBusRegistrationConfigurator>? consumers = null,
        Action<IServiceCollection>? overrides = null,
        DeliveryLog? log = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Database}"] = await county.NewDatabaseAsync(),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await county.ConnectionStringAsync(ResourceNames.Messaging),
            ["Messaging:Outbox:IdlePollInterval"] = "00:00:00.200",
        });
        builder.AddServiceDatabase<WidgetDbContext>(Database);
        builder.AddMessaging<WidgetDbContext>(endpointPrefix, consumers);
        builder.Services.AddSingleton(log ?? new DeliveryLog());
        overrides?.Invoke(builder.Services);
        var host = builder.Build();

        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Database.EnsureCreatedAsync();
        return host;
    }

    public static async Task<T> QueryAsync<T>(this IHost host, Func<WidgetDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WidgetDbContext>());
    }

    public static Task<long> CountAsync(this IHost host, string sql) =>
        host.QueryAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });

    /// <summary>Polls until the condition holds; fails the test with <paramref name="what"/> when it never does.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        EventuallyAsync(condition, () => what, within);

    /// <summary>As above, with the failure's words made when it fails (what was last seen, say).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what()}");
            }

            await Task.Delay(100);
        }
    }
}
