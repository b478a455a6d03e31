namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>
/// Development's demo data that two services must agree on: the registered, approved provider the Provider service seeds
/// and the Identity service binds its demo provider staff account (provider-demo) to.
/// </summary>
public static class DemoCounty
{
    public const string ProviderId = "0193a7a0-5eed-7000-8000-000000000001";

    public const string ProviderName = "霍山县示范居家养老服务中心";

    /// <summary>A valid unified social credit code (GB 32100) of no real organisation: 52 social organisation, 341525 the county.</summary>
    public const string ProviderCreditCode = "52341525MJ0000001D";
}
