using System.Globalization;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// Finds identity numbers in raw bytes by GB 11643's own rules, written out here rather than borrowed from the code
/// under test: 17 ASCII digits and a check character (digit or X) not inside a longer run of digits; a province the
/// standard names (xx0000 only for Taiwan, Hong Kong and Macao); a birth date that exists, from 1900 to today; and the
/// check character: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, R = Σ mod 11, check = "10X98765432"[R]. The region and
/// date matter: a SHA-256 printed in hex (the audit chain, idempotency fingerprints) holds eighteen digits with a right
/// check character about once in a thousand hashes, and that is not a person.
/// </summary>
internal static class IdentityNumberScan
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    private static readonly HashSet<int> Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>The numbers found, masked (341525********123X): a test's output never carries one whole.</summary>
    public static List<string> In(ReadOnlySpan<byte> bytes)
    {
        var found = new List<string>();
        for (var start = 0; start + 18 <= bytes.Length; start++)
        {
            if (start > 0 && IsDigit(bytes[start - 1]))
            {
                continue;
            }

            var digits = 0;
            while (digits < 17 && IsDigit(bytes[start + digits]))
            {
                digits++;
            }

            if (digits < 17)
            {
                start += digits;
                continue;
            }

            var check = bytes[start + 17];
            var after = start + 18 < bytes.Length ? bytes[start + 18] : (byte)' ';
            if (!(IsDigit(check) || check is (byte)'X' or (byte)'x') || IsDigit(after))
            {
                continue;
            }

            var text = System.Text.Encoding.ASCII.GetString(bytes.Slice(start, 18)).ToUpperInvariant();
            if (IsIdentityNumber(text))
            {
                found.Add($"{text[..6]}********{text[14..]}");
            }
        }

        return found;
    }

    private static bool IsIdentityNumber(string text)
    {
        var province = int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture);
        if (!Provinces.Contains(province) || (province < 71 && text.AsSpan(2, 4).SequenceEqual("0000")))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (text[i] - '0') * Weights[i];
        }

        return text[17] == Checks[sum % 11];
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
