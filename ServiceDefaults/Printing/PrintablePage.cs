using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ReliefPlatform.ServiceDefaults.Printing;

/// <summary>
/// A page meant for paper (the catalogue, a donation receipt): one inline stylesheet, allowed by its SHA-256 hash so
/// the policy stays strict — no scripts, no other styles, no framing, never <c>'unsafe-inline'</c>.
/// </summary>
public static class PrintablePage
{
    /// <summary>The <c>&lt;style&gt;</c> element for <paramref name="style"/>; the policy's hash is over exactly this text.</summary>
    public static string StyleElement(string style) => $"<style>{style}</style>";

    /// <summary>The policy that lets only this stylesheet apply.</summary>
    public static string Policy(string style) =>
        $"default-src 'none'; style-src {StyleSource(style)}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The CSP source expression naming this stylesheet by its hash.</summary>
    public static string StyleSource(string style) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'";

    /// <summary>The page as HTML, with the policy for its stylesheet; never cached (receipts carry a donor's name).</summary>
    public static ContentHttpResult Html(HttpContext context, string html, string style)
    {
        context.Response.Headers.ContentSecurityPolicy = Policy(style);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// The style hashes a policy allows when that is all it widens (the gateway keeps a page's hashes and nothing else
    /// of a service's policy); empty for any other policy.
    /// </summary>
    public static IReadOnlyList<string> StyleHashes(string? policy)
    {
        if (string.IsNullOrEmpty(policy))
        {
            return [];
        }

        var styleSources = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(d => d.Length > 1 && string.Equals(d[0], "style-src", StringComparison.OrdinalIgnoreCase));
        return styleSources is not null && styleSources.Skip(1).All(IsHash) ? styleSources[1..] : [];
    }

    private static bool IsHash(string source) =>
        source.StartsWith("'sha256-", StringComparison.Ordinal) && source.EndsWith('\'') && source.Length == "'sha256-'".Length + 44
        && source[8..^1].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');
}
