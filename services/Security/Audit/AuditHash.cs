using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReliefPlatform.Security.Audit;

internal static class AuditHash
{
    /// <summary>The hash of the entry before the first one.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over length-prefixed fields, so no two different entries serialise alike.</summary>
    public static string Of(Guid id, DateTimeOffset at, string actor, string action, string subject, string? details, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            id.ToString("N"), at.ToUniversalTime().UtcTicks.ToString(CultureInfo.InvariantCulture), actor, action, subject, details ?? "\0", previousHash,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
