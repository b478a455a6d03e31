namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// Finds checksum-valid identity numbers in raw bytes, by GB 11643's own rule written out here rather than borrowed from
/// the code under test: 17 ASCII digits and a check character (digit or X) not inside a longer run of digits, weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, R = Σ mod 11, check = "10X98765432"[R].
/// </summary>
internal static class IdentityNumberScan
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

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

            var sum = 0;
            for (var i = 0; i < 17; i++)
            {
                sum += (bytes[start + i] - '0') * Weights[i];
            }

            if (char.ToUpperInvariant((char)check) == Checks[sum % 11])
            {
                var text = System.Text.Encoding.ASCII.GetString(bytes.Slice(start, 18));
                found.Add($"{text[..6]}********{text[14..]}");
            }
        }

        return found;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
