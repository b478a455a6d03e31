using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("12100000400010398P")]
    public void Published_codes_of_real_organisations_are_valid(string code)
    {
        Assert.Null(CreditCode.Problem(code));
    }

    [Theory]
    [InlineData("", "统一社会信用代码必填。")]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为 18 位。")]
    [InlineData("91350100M000100YI3", "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）。")]
    [InlineData("91350100M000100Yo3", "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）。")]
    [InlineData("91350100M000100Y44", "统一社会信用代码校验位不正确，请核对。")]
    public void Malformed_codes_say_what_is_wrong(string code, string problem)
    {
        Assert.Equal(problem, CreditCode.Problem(code));
    }

    [Theory]
    [InlineData(" 91350100M000100Y43 ")]
    [InlineData("91350100m000100y43")]
    [InlineData("\t91110000600037341l\n")]
    public void A_code_typed_with_blanks_around_or_in_lower_case_is_the_same_code_as_an_identity_number_would_be(string typed)
    {
        // The rule identity numbers follow: trim, then upper-case; the result is what is checked and stored.
        var expected = typed.Trim().ToUpperInvariant();

        Assert.Equal(expected, CreditCode.Normalise(typed));
        Assert.Null(CreditCode.Problem(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_code_is_no_code(string? typed)
    {
        Assert.Null(CreditCode.Normalise(typed));
        Assert.Equal("统一社会信用代码必填。", CreditCode.Problem(typed));
    }

    [Fact]
    public void Property_any_code_with_its_computed_check_character_is_valid_and_any_single_change_is_caught()
    {
        var random = new Random(32100);
        for (var run = 0; run < 5_000; run++)
        {
            var body = new char[17];
            for (var i = 0; i < 17; i++)
            {
                body[i] = CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)];
            }

            var code = new string(body) + CreditCode.CheckCharacter(body);
            Assert.Null(CreditCode.Problem(code));

            // 31 is prime and no weight is a multiple of it, so changing any one character changes the sum mod 31.
            var position = random.Next(18);
            var replacement = CreditCode.Alphabet[(CreditCode.Alphabet.IndexOf(code[position], StringComparison.Ordinal) + 1 + random.Next(30)) % 31];
            var changed = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));
            Assert.NotNull(CreditCode.Problem(changed));
        }
    }
}
