using Microsoft.Extensions.Configuration;
using Npgsql;
using ReliefPlatform.Messaging;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class PoolCapTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Database=deliverydb;Username=postgres;Password=secret";

    [Fact]
    public void The_process_share_of_the_servers_connections_caps_its_pool()
    {
        var capped = MessagingHostingExtensions.WithPoolCap(Server, Settings(("Database:MaxPoolSize", "12")));

        Assert.Equal(12, new NpgsqlConnectionStringBuilder(capped).MaxPoolSize);
        Assert.Equal("deliverydb", new NpgsqlConnectionStringBuilder(capped).Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=3")]
    [InlineData("MaxPoolSize=3")]
    public void A_connection_string_that_sizes_its_own_pool_keeps_it(string own)
    {
        var capped = MessagingHostingExtensions.WithPoolCap($"{Server};{own}", Settings(("Database:MaxPoolSize", "12")));

        Assert.Equal(3, new NpgsqlConnectionStringBuilder(capped).MaxPoolSize);
    }

    [Fact]
    public void Without_a_share_the_pool_is_npgsqls_default()
    {
        Assert.Equal(100, new NpgsqlConnectionStringBuilder(MessagingHostingExtensions.WithPoolCap(Server, Settings())).MaxPoolSize);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
