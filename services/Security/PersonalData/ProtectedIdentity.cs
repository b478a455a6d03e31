namespace ReliefPlatform.Security.PersonalData;

/// <summary>
/// A person's name and ID number as they are stored: encrypted, blind-indexed for lookup and de-duplication,
/// and pre-masked for every response that does not unmask.
/// </summary>
public sealed record ProtectedIdentity(string Name, string IdNumber, string IdNumberIndex, string MaskedName, string MaskedIdNumber)
{
    public const string NamePurpose = "person.name";
    public const string IdNumberPurpose = "person.id-number";

    public static ProtectedIdentity Protect(PersonalDataProtector protector, string name, IdNumber idNumber)
    {
        var trimmed = name.Trim();
        return new ProtectedIdentity(
            protector.Protect(trimmed, NamePurpose),
            protector.Protect(idNumber.Reveal(), IdNumberPurpose),
            IndexOf(protector, idNumber),
            PersonName.Mask(trimmed),
            idNumber.Masked());
    }

    /// <summary>The blind index an ID number is found by, county-wide.</summary>
    public static string IndexOf(PersonalDataProtector protector, IdNumber idNumber) => protector.BlindIndex(idNumber.Reveal(), IdNumberPurpose);
}
