using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>
/// A name holds letters (any script) and their combining marks, its parts joined by one 间隔号 or one space — what the
/// refusal message promises. Invisible characters that make a stored name read differently, emoji and symbols are refused.
/// </summary>
public sealed class PersonNameTests
{
    private const string Refused = "姓名只能包含文字、字母和间隔号（·）。";

    [Theory]
    [InlineData("张三")]
    [InlineData("欧阳秀兰")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("阿依古丽・买买提")]
    [InlineData("阿依古丽•买买提")]
    [InlineData("Anna Maria")]
    [InlineData("José")]
    [InlineData("Jose\u0301")]
    [InlineData("\U0002000B三")]
    [InlineData("  王芳 ")]
    public void Names_of_letters_joined_by_a_separator_are_accepted(string name) =>
        Assert.Null(PersonName.Problem(name));

    [Theory]
    [InlineData("张\u202E三")]
    [InlineData("\u202E张三")]
    [InlineData("张\u200B三")]
    [InlineData("张\u200D三")]
    [InlineData("张\uFEFF三")]
    [InlineData("张三\U0001F600")]
    [InlineData("张\u2764\uFE0F三")]
    [InlineData("张三\U0001F44D\U0001F3FD")]
    [InlineData("张\u00A9三")]
    [InlineData("张\u0007三")]
    [InlineData("张3")]
    [InlineData("张<b>")]
    [InlineData("·张三")]
    [InlineData("张三·")]
    [InlineData("张··三")]
    [InlineData("Anna  Maria")]
    [InlineData("\u0301张三")]
    public void Invisible_characters_emoji_symbols_and_stray_separators_are_refused(string name) =>
        Assert.Equal(Refused, PersonName.Problem(name));

    [Fact]
    public void Half_of_a_surrogate_pair_is_refused() =>
        Assert.Equal(Refused, PersonName.Problem(string.Concat("张", ((char)0xD800).ToString(), "三")));

    [Fact]
    public void A_name_beyond_the_basic_plane_is_masked_by_characters_not_halves_of_one()
    {
        Assert.Equal("\U0002000B*", PersonName.Mask("\U0002000B三"));
        Assert.Equal("欧***", PersonName.Mask("欧阳秀兰"));
    }
}
