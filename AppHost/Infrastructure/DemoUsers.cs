namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>Tells the developer how to sign in as each role; the password is generated per data folder, never committed.</summary>
internal static class DemoUsers
{
    public static void Print(CountyModel county, string password)
    {
        var townships = string.Join(", ", county.County.Townships.Take(3).Select(t => $"township-{t.Slug}"));
        Console.WriteLine($"""

              Demo users (Development only), all with password {password}
                county-admin, caseworker, finance, supervisor (read-only), ops, provider-demo
                township-<slug> (township staff) and visitor-<slug> (village visitor), e.g. {townships}, …
              Token for scripts: POST http://localhost:5100/connect/token
                grant_type=password&client_id=relief-cli&scope=relief.api&username=<user>&password=<password>

            """);
    }
}
