using ReliefPlatform.Demo;

// The living demo county (Development only): fills the county through its own APIs once the gateway answers, then exits.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptions<DemoCountyOptions>().BindConfiguration(DemoCountyOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DemoCountyProgress>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt one client out.
// Its own waiting (rate limit, restarts) instead of the standard resilience handler: a POST retried blindly could apply twice.
builder.Services.AddHttpClient(DemoUsersClients.ClientName, client =>
{
    client.BaseAddress = new Uri("http://gateway");
    client.Timeout = TimeSpan.FromMinutes(2);
}).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
builder.Services.AddHostedService<DemoCountyWorker>();
await builder.Build().RunAsync();
