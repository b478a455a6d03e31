using System.Globalization;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// Seals what Delivery keeps that may describe a person — service records, residents' comments, complaints, referral
/// needs and outcomes (free text that names illnesses and people), and device positions (where a household lives) —
/// with the county's personal-data key. The database, its backups and its logs hold only ciphertext.
/// </summary>
public sealed class DeliverySeal(PersonalDataProtector protector)
{
    public const string TextPurpose = "delivery.text";
    public const string PositionPurpose = "work-order.position";

    public string Seal(string text) => protector.Protect(text, TextPurpose);

    /// <summary>Null or blank stays null; anything else is trimmed and sealed.</summary>
    public string? SealOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Seal(text.Trim());

    /// <summary>The text again; a value written before sealing began (plain text) is returned as it is.</summary>
    public string? Open(string? stored) => stored is null ? null : protector.OpenOrPlain(stored, TextPurpose);

    public string SealPosition(GeoPoint position) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{position.Latitude:R},{position.Longitude:R}"), PositionPurpose);

    public GeoPoint OpenPosition(string sealedPosition)
    {
        var parts = protector.Unprotect(sealedPosition, PositionPurpose).Split(',');
        return new GeoPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
