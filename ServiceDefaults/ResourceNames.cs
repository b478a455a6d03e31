namespace ReliefPlatform.ServiceDefaults;

/// <summary>
/// Names of every resource in the app model. The AppHost creates resources under these names and the
/// services ask for connection strings and service-discovery addresses by the same names.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "rabbitmq";
    public const string Cache = "redis";

    public const string Gateway = "gateway";
    public const string Identity = "identity";
    public const string Assessment = "assessment";
    public const string Catalogue = "catalogue";
    public const string Provider = "provider";
    public const string Delivery = "delivery";
    public const string Funding = "funding";

    /// <summary>The county hub's web portal, served through the gateway at <c>/</c>.</summary>
    public const string Portal = "portal";

    /// <summary>Development's demo county filler: fills the county through the gateway after it starts, then finishes.</summary>
    public const string DemoCounty = "demo-county";

    /// <summary>The hub services the gateway routes to as <c>/api/&lt;name&gt;/…</c>.</summary>
    public static readonly IReadOnlyList<string> HubServices = [Assessment, Catalogue, Provider, Delivery, Funding];

    public static string DatabaseOf(string service) => $"{service}db";

    /// <summary>The connection-string name every Township instance reads its own database from.</summary>
    public const string TownshipDatabase = "townshipdb";

    public static string TownshipService(string slug) => $"township-{slug}";

    public static string TownshipDatabaseResource(string slug) => $"township-{slug}-db";

    public static string TownshipDatabaseName(string slug) => $"township_{slug}";
}
