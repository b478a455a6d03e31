using System.Security.Cryptography;
using System.Text;
using ReliefPlatform.ServiceDefaults.Printing;

namespace ReliefPlatform.UnitTests.Gateway;

/// <summary>What the gateway keeps of a service's content security policy on an API answer: a printable page's style hashes, nothing else.</summary>
public sealed class PrintablePagePolicyTests
{
    private const string Style = "@page{size:A5 landscape;margin:12mm}td{border:1px solid #333}";

    [Fact]
    public void A_printable_page_allows_exactly_its_own_stylesheet_by_its_SHA256()
    {
        var expected = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'";

        var policy = PrintablePage.Policy(Style);

        Assert.StartsWith("default-src 'none'; ", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src {expected};", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal([expected], PrintablePage.StyleHashes(policy));
        Assert.Equal($"<style>{Style}</style>", PrintablePage.StyleElement(Style));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("default-src 'none'; style-src 'unsafe-inline'")]
    [InlineData("default-src 'none'; style-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'unsafe-inline'")]
    [InlineData("default-src 'none'; style-src https://cdn.example.com")]
    [InlineData("default-src *")]
    [InlineData("default-src 'none'; style-src 'sha256-not-a-hash'")]
    public void Anything_but_style_hashes_is_not_kept(string? policy) => Assert.Empty(PrintablePage.StyleHashes(policy));
}
