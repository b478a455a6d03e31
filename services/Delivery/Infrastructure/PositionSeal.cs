using System.Globalization;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>Seals a device position with the county's personal-data key (a service position is where a household lives).</summary>
public sealed class PositionSeal(PersonalDataProtector protector)
{
    public const string Purpose = "work-order.position";

    public string Seal(GeoPoint position) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{position.Latitude:R},{position.Longitude:R}"), Purpose);

    public GeoPoint Open(string sealedPosition)
    {
        var parts = protector.Unprotect(sealedPosition, Purpose).Split(',');
        return new GeoPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
