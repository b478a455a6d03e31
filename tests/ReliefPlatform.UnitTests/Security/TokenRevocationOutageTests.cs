using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using ReliefPlatform.Security.Revocation;
using StackExchange.Redis;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>Redis unreachable: revoking fails loudly, checking lets a token through quickly (README states why).</summary>
public sealed class TokenRevocationOutageTests
{
    private static async Task<(ConnectionMultiplexer, RedisTokenRevocations)> UnreachableAsync()
    {
        // Port 1 on loopback: refused at once; nothing listens there.
        var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=500,syncTimeout=500");
        return (redis, new RedisTokenRevocations(redis, TimeProvider.System, NullLogger<RedisTokenRevocations>.Instance));
    }

    [Fact]
    public async Task Revoking_throws_when_Redis_cannot_take_it()
    {
        var (redis, revocations) = await UnreachableAsync();
        using (redis)
        using (revocations)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => revocations.RevokeSubjectAsync("u1", CancellationToken.None));
            await Assert.ThrowsAnyAsync<Exception>(() => revocations.RevokeTokenAsync("t1", DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Checking_lets_the_token_through_without_waiting_on_Redis()
    {
        var (redis, revocations) = await UnreachableAsync();
        using (redis)
        using (revocations)
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u1"), new Claim("jti", "t1"), new Claim("iat", "1700000000")], "test"));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 100; i++)
            {
                Assert.False(await revocations.IsRevokedAsync(principal, CancellationToken.None));
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"100 checks took {clock.Elapsed.TotalMilliseconds:0} ms");
        }
    }
}
