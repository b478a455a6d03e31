using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReliefPlatform.Security.PersonalData;

/// <summary>
/// A resident identity number (公民身份号码, GB 11643-1999): a 6-digit region code, an 8-digit birth date,
/// a 3-digit sequence and an ISO 7064 MOD 11-2 check character. <see cref="ToString"/> is masked, so an
/// accidental log line or exception message never carries the full number; <see cref="Reveal"/> is the
/// one, explicit way to the digits.
/// </summary>
public readonly struct IdNumber : IEquatable<IdNumber>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Province-level prefixes of GB/T 2260 (plus 71 Taiwan, 81 Hong Kong, 82 Macao).</summary>
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ];

    private readonly string? _value;

    private IdNumber(string value) => _value = value;

    public string RegionCode => Value[..6];

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Odd sequence digit: male; even: female.</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    private string Value => _value ?? throw new InvalidOperationException("An empty IdNumber has no value.");

    public static bool TryParse(string? input, DateOnly today, out IdNumber idNumber, [NotNullWhen(false)] out IdNumberError? error)
    {
        idNumber = default;
        error = Validate(input?.Trim().ToUpperInvariant(), today, out var normalised);
        if (error is null)
        {
            idNumber = new IdNumber(normalised!);
        }

        return error is null;
    }

    public static char CheckCharacterOf(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The number for a region, birth date and sequence, with its check character (test data, generators).</summary>
    public static string Compose(string regionCode, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:D3}");
        return first17 + CheckCharacterOf(first17);
    }

    public int AgeOn(DateOnly day)
    {
        var birth = BirthDate;
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>The full number. Call only where the caller may see it, and audit that read.</summary>
    public string Reveal() => Value;

    /// <summary>Region and last four kept, birth date and sequence hidden: 341525********123X.</summary>
    public string Masked() => Mask(Value);

    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? string.Concat(idNumber.AsSpan(0, 6), "********", idNumber.AsSpan(14, 4)) : new string('*', idNumber.Length);

    public override string ToString() => _value is null ? "" : Masked();

    public bool Equals(IdNumber other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IdNumber other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(IdNumber left, IdNumber right) => left.Equals(right);

    public static bool operator !=(IdNumber left, IdNumber right) => !left.Equals(right);

    private static IdNumberError? Validate(string? value, DateOnly today, out string? normalised)
    {
        normalised = value;
        if (string.IsNullOrEmpty(value))
        {
            return IdNumberError.Missing;
        }

        if (value.Length != 18)
        {
            return IdNumberError.WrongLength;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return IdNumberError.NotDigits;
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return IdNumberError.NotDigits;
        }

        // Mainland numbers name a county below the province; Taiwan, Hong Kong and Macao residents' use xx0000.
        var province = int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture);
        if (!Provinces.Contains(province) || (province < 71 && value.AsSpan(2, 4).SequenceEqual("0000")))
        {
            return IdNumberError.UnknownRegion;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return IdNumberError.ImpossibleBirthDate;
        }

        return CheckCharacterOf(value) == value[17] ? null : IdNumberError.WrongCheckCharacter;
    }
}
