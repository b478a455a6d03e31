using ReliefPlatform.Portal.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPortal();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPortal();

await app.RunAsync();
