using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>A county user enrols an authenticator on the sign-in site; from then on a password alone gets no token.</summary>
[Collection(CountyCollection.Name)]
public sealed class SecondFactorTests(CountyAppFixture county)
{
    [Fact]
    public async Task After_enrolling_an_authenticator_a_county_user_needs_the_current_code_to_get_a_token()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = county.App.GetEndpoint(ResourceNames.Gateway, "http"),
        };
        var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "county-admin", ["password"] = CountyAppFixture.DemoPassword, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var key = (await browser.GetFromJsonAsync<JsonElement>("/account/authenticator")).GetProperty("sharedKey").GetString()!;
        var wrong = await browser.PostAsJsonAsync("/account/authenticator", new { code = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enrolled = await browser.PostAsJsonAsync("/account/authenticator", new { code = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);

        var passwordOnly = await Assert.ThrowsAsync<InvalidOperationException>(() => county.TokenAsync("county-admin"));
        Assert.Contains("动态验证码", passwordOnly.Message, StringComparison.Ordinal);

        var withCode = await county.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api",
            ["username"] = "county-admin", ["password"] = CountyAppFixture.DemoPassword, ["totp"] = Totp(key),
        }));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    /// <summary>RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits, key in base32 as authenticator apps read it.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
