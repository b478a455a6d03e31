namespace ReliefPlatform.Assessment.Domain;

/// <summary>Reads an enum from its English code as callers write it; numbers and undefined values are not codes.</summary>
public static class EnumCodes
{
    public static bool TryParse<TEnum>(string? value, bool ignoreCase, out TEnum parsed) where TEnum : struct, Enum
    {
        parsed = default;
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed) && !char.IsDigit(trimmed[0]) && !trimmed.StartsWith('-')
            && Enum.TryParse(trimmed, ignoreCase, out parsed) && Enum.IsDefined(parsed);
    }
}
