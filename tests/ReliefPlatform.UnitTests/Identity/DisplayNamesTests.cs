using ReliefPlatform.Identity.Domain.Users;

namespace ReliefPlatform.UnitTests.Identity;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("王晓燕")]
    [InlineData(" 张主任 ")]
    [InlineData(null)]
    [InlineData("")]
    public void A_name_people_are_called_by_or_none_is_accepted(string? displayName) => Assert.Null(DisplayNames.Problem(displayName));

    [Theory]
    [InlineData("张三13800001234")]
    [InlineData("34152519500101001X")]
    [InlineData("王\n晓燕")]
    public void Digits_and_control_characters_are_refused_so_no_number_rides_in_every_token(string displayName) =>
        Assert.Equal("显示名称不超过32个字，且不含数字（不要填写身份证号或手机号）。", DisplayNames.Problem(displayName));

    [Fact]
    public void More_than_32_characters_are_refused() => Assert.NotNull(DisplayNames.Problem(new string('王', DisplayNames.MaxLength + 1)));

    [Fact]
    public void It_is_kept_trimmed_and_blank_is_none() => Assert.Equal(("王晓燕", null), (DisplayNames.Clean(" 王晓燕 "), DisplayNames.Clean("  ")));
}
