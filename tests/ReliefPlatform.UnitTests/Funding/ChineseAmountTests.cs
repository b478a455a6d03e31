using ReliefPlatform.Funding.Domain.Donations;

namespace ReliefPlatform.UnitTests.Funding;

public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.50", "伍角")]
    [InlineData("1", "壹元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("105", "壹佰零伍元整")]
    [InlineData("1234.50", "壹仟贰佰叁拾肆元伍角")]
    [InlineData("1000.05", "壹仟元零伍分")]
    [InlineData("10000", "壹万元整")]
    [InlineData("10001", "壹万零壹元整")]
    [InlineData("100100", "壹拾万零壹佰元整")]
    [InlineData("1010000", "壹佰零壹万元整")]
    [InlineData("50000.00", "伍万元整")]
    [InlineData("120000.80", "壹拾贰万元捌角")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("3005007009.09", "叁拾亿零伍佰万柒仟零玖元零玖分")]
    public void Amounts_are_written_in_capital_numerals(string amount, string expected) =>
        Assert.Equal(expected, ChineseAmount.ToCapital(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Negative_amounts_and_fractions_of_a_fen_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.ToCapital(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.ToCapital(0.001m));
    }
}
