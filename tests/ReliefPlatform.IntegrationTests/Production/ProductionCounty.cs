using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Production;

/// <summary>
/// A county as it goes live: every service in Production (no demo users, no demo provider, no password grant,
/// authenticators required of county roles), started through the AppHost with <c>--Services:Environment=Production</c>.
/// </summary>
internal sealed class ProductionCounty : IAsyncDisposable
{
    public static readonly string[] Townships = ["hengshan", "foziling"];

    private ProductionCounty(DistributedApplication app) => App = app;

    public DistributedApplication App { get; }

    public Uri Origin => App.GetEndpoint(ResourceNames.Gateway, "http");

    public static async Task<ProductionCounty> StartAsync()
    {
        using var timeout = new CancellationTokenSource(CountyAppFixture.StartLimit);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
            ["--Services:Environment=Production", $"--Townships:Run={string.Join(',', Townships)}"], timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        var resources = new List<string> { ResourceNames.Gateway, ResourceNames.Identity };
        resources.AddRange(ResourceNames.HubServices);
        resources.AddRange(Townships.Select(ResourceNames.TownshipService));
        await CountyAppFixture.WaitHealthyOrSayWhyAsync(app, resources, timeout.Token);
        return new ProductionCounty(app);
    }

    /// <summary>What an operator runs once: Identity's bootstrap-admin command on its database. Returns the printed code.</summary>
    public async Task<(int ExitCode, string Output)> BootstrapAdminAsync(string userName)
    {
        var connectionString = await App.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Identity))
            ?? throw new InvalidOperationException("no connection string for Identity's database");
        var project = new Projects.ReliefPlatform_Identity().ProjectPath;
        var dll = Path.Combine(Path.GetDirectoryName(project)!, "bin", Configuration, "net10.0", "ReliefPlatform.Identity.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "bootstrap-admin", "--user", userName })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[$"ConnectionStrings__{ResourceNames.DatabaseOf(ResourceNames.Identity)}"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
