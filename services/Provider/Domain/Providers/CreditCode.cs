namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0–9 and the capital
/// letters except I, O, Z, S and V; the 9th–17th are the organisation code; the 18th is a check character
/// computed with weights 3^(i) mod 31 over the first 17.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// The one rule for codes typed by people, as for identity numbers: surrounding blanks dropped, letters upper-cased
    /// (a code written <c>91350100m000100y43</c> is the organisation's code); blank is no code.
    /// </summary>
    public static string? Normalise(string? input) =>
        string.IsNullOrWhiteSpace(input) ? null : input.Trim().ToUpperInvariant();

    /// <summary>Null when valid (after <see cref="Normalise"/>); otherwise what is wrong, in Chinese.</summary>
    public static string? Problem(string? input)
    {
        var code = Normalise(input);
        if (code is null)
        {
            return "统一社会信用代码必填。";
        }

        if (code.Length != 18)
        {
            return "统一社会信用代码应为 18 位。";
        }

        if (code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）。";
        }

        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? null : "统一社会信用代码校验位不正确，请核对。";
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
