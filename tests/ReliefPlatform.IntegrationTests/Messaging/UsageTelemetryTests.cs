using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// The messaging building block every service uses never reports usage to MassTransit's vendor: the option is off
/// in code (so every deployment has it), nothing is logged about it and no request leaves the machine.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class UsageTelemetryTests(CountyAppFixture county)
{
    [Fact]
    public async Task A_service_bus_reports_no_usage_telemetry_and_calls_no_outside_host()
    {
        var logs = new RecordingLoggerProvider();
        var outside = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "System.Net.Http" or "System.Net.NameResolution",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                var host = activity.GetTagItem("server.address") as string ?? activity.GetTagItem("dns.question.name") as string;
                if (host is not null && host != "localhost" && !(IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
                {
                    outside.Enqueue($"{activity.OperationName} {host}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var host = await MessagingHost.CreateAsync(county, $"usage-{Guid.NewGuid():N}"[..16], overrides: services =>
        {
            // MassTransit reports five minutes after the bus starts; brought forward so that a report would happen here.
            services.PostConfigure<UsageTelemetryOptions>(options => options.ReportDelay = TimeSpan.FromMilliseconds(200));
            services.AddSingleton<ILoggerProvider>(logs);
        });
        await host.StartAsync();
        try
        {
            Assert.False(host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
            // A report would be logged and sent 0.2 s after the start; nothing to poll for when the answer is "never".
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Contains(logs.Messages, m => m.Contains("Bus started", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("usage telemetry", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(outside);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
