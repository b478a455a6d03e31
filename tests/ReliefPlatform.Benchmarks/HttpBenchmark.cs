using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (b) Requests per second through the gateway, beside calling the service directly and beside a bare
/// YARP proxy with no middleware at all. Load generator, proxies and services share this machine.
/// </summary>
internal static class HttpBenchmark
{
    public const int Concurrency = 32;

    /// <summary>
    /// A YARP proxy with nothing but the proxy, in a process of its own as the gateway is (a proxy inside the load
    /// generator's process would share its thread pool and GC), with the gateway's kind of GC.
    /// </summary>
    public static async Task<BareYarp> StartBareYarpAsync(Uri destination, bool serverGc)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HttpBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add(BareYarpArgument);
        start.ArgumentList.Add(destination.ToString());
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        var process = Process.Start(start)!;
        var address = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("The bare YARP process ended before it listened.");
        return new BareYarp(process, new Uri(address));
    }

    public const string BareYarpArgument = "--bare-yarp";

    /// <summary>The child process's side: proxy every path to <paramref name="destination"/>, print the address, stop when stdin closes.</summary>
    public static async Task ServeBareYarpAsync(Uri destination)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "service", Match = new RouteMatch { Path = "/{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "service",
                Destinations = new Dictionary<string, DestinationConfig> { ["service"] = new() { Address = destination.ToString() } },
            }]);
        await using var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        Console.WriteLine(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    public sealed class BareYarp(Process process, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    /// <summary>Closed-loop load: <see cref="Concurrency"/> workers, each sending its next request when the last returns.</summary>
    public static async Task<double> RequestsPerSecondAsync(Uri url, string token, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseProxy = false };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await RunAsync(client, url, TimeSpan.FromSeconds(1)); // warm-up: connections, JIT, pools
        return await RunAsync(client, url, duration);
    }

    private static async Task<double> RunAsync(HttpClient client, Uri url, TimeSpan duration)
    {
        long completed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}; the benchmark only counts successes.");
                }

                Interlocked.Increment(ref completed);
            }
        }));
        return completed / watch.Elapsed.TotalSeconds;
    }
}
