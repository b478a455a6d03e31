using System.Globalization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Security;

public sealed class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    /// <summary>Valid numbers from random regions of Anhui and elsewhere, birth dates and sequences; the seed keeps failures reproducible.</summary>
    public static TheoryData<string> GeneratedValidNumbers()
    {
        var random = new Random(11643);
        string[] regions = ["341525", "341502", "340104", "110101", "440305", "650102", "820000"];
        var data = new TheoryData<string>();
        for (var i = 0; i < 200; i++)
        {
            var birth = new DateOnly(1920, 1, 1).AddDays(random.Next(0, 38_000));
            var first17 = regions[random.Next(regions.Length)] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
            data.Add(first17 + IdNumber.CheckCharacterOf(first17));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedValidNumbers))]
    public void A_generated_valid_number_is_accepted(string number)
    {
        Assert.True(IdNumber.TryParse(number, Today, out var id, out var error), error?.Code);
        Assert.Equal(number, id.Reveal());
    }

    [Theory]
    [MemberData(nameof(GeneratedValidNumbers))]
    public void Every_single_character_change_of_a_valid_number_is_refused(string number)
    {
        for (var position = 0; position < 18; position++)
        {
            foreach (var replacement in "0123456789X")
            {
                if (replacement == number[position])
                {
                    continue;
                }

                var changed = string.Concat(number.AsSpan(0, position), replacement.ToString(), number.AsSpan(position + 1));
                Assert.False(IdNumber.TryParse(changed, Today, out _, out _), $"position {position} → {replacement} was accepted");
            }
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedValidNumbers))]
    public void Every_swap_of_two_adjacent_different_characters_is_refused(string number)
    {
        for (var position = 0; position < 17; position++)
        {
            if (number[position] == number[position + 1])
            {
                continue;
            }

            var chars = number.ToCharArray();
            (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
            Assert.False(IdNumber.TryParse(new string(chars), Today, out _, out _), $"swap at {position} was accepted");
        }
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("34152519500101001", "wrong-length")]
    [InlineData("34152519500101001X1", "wrong-length")]
    [InlineData("3415251950010100A1", "not-digits")]
    [InlineData("991525195001010011", "unknown-region")]
    [InlineData("340000195001010011", "unknown-region")]
    [InlineData("341525195002300011", "impossible-birth-date")]
    [InlineData("341525189912310011", "impossible-birth-date")]
    [InlineData("341525202712010011", "impossible-birth-date")]
    public void A_malformed_number_is_refused_with_a_reason(string? number, string reason)
    {
        Assert.False(IdNumber.TryParse(number, Today, out _, out var error));
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void The_check_character_follows_GB_11643_including_X()
    {
        // Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; Σ mod 11 = 2 gives 'X'.
        var first17 = FindFirst17WithRemainder(2);

        Assert.Equal('X', IdNumber.CheckCharacterOf(first17));
        Assert.True(IdNumber.TryParse(first17 + "x", Today, out var id, out _));
        Assert.EndsWith("X", id.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_shows_masked_unless_revealed_so_a_log_line_cannot_leak_it()
    {
        const string first17 = "34152519500101001";
        var number = first17 + IdNumber.CheckCharacterOf(first17);
        Assert.True(IdNumber.TryParse(number, Today, out var id, out _));

        Assert.Equal($"341525********001{number[17]}", id.ToString());
        Assert.Equal(id.ToString(), $"{id}");
        Assert.DoesNotContain("19500101", id.Masked(), StringComparison.Ordinal);
    }

    [Fact]
    public void Age_and_birth_date_come_from_the_number()
    {
        const string first17 = "34152519561129002";
        Assert.True(IdNumber.TryParse(first17 + IdNumber.CheckCharacterOf(first17), Today, out var id, out _));

        Assert.Equal(new DateOnly(1956, 11, 29), id.BirthDate);
        Assert.Equal(69, id.AgeOn(Today));
        Assert.Equal(70, id.AgeOn(Today.AddDays(1)));
        Assert.False(id.IsMale);
    }

    [Fact]
    public void Messages_for_refused_numbers_never_contain_the_number()
    {
        const string number = "341525195001010019";
        IdNumber.TryParse(number, Today, out _, out var error);

        Assert.NotNull(error);
        Assert.DoesNotContain(number, error.Message, StringComparison.Ordinal);
    }

    private static string FindFirst17WithRemainder(int remainder)
    {
        for (var sequence = 0; sequence < 1000; sequence++)
        {
            var first17 = $"341525195001010{sequence % 100:D2}";
            if (IdNumber.CheckCharacterOf(first17) == "10X98765432"[remainder])
            {
                return first17;
            }
        }

        throw new InvalidOperationException("no sequence found");
    }
}
