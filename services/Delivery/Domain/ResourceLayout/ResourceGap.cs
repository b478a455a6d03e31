namespace ReliefPlatform.Delivery.Domain.ResourceLayout;

/// <summary>What households in a township need of an item: how many, and how many sessions a week their plans ask for.</summary>
public sealed record ItemDemand(string TownshipCode, string ItemCode, int Households, decimal SessionsPerWeek);

/// <summary>What approved providers can deliver of an item in a township, in sessions a week.</summary>
public sealed record ItemSupply(string TownshipCode, string ItemCode, int Providers, decimal SessionsPerWeek);

/// <summary>Orders of an item delivered in a township in the period, and how many households they served.</summary>
public sealed record ItemDelivery(string TownshipCode, string ItemCode, int Orders, int Households);

/// <summary>
/// One township × item cell of the resource layout (资源布局): demand against supply and delivery, the weekly shortfall,
/// households not served in the period, and the kind of gap — <c>no-supply</c> (需求无供给), <c>short</c> (供给不足),
/// <c>undelivered</c> (有供给未送达), <c>covered</c> (已覆盖) or <c>idle</c> (有供给无需求).
/// </summary>
public sealed record ResourceGap(
    int Rank, string TownshipCode, string ItemCode, int DemandHouseholds, decimal DemandPerWeek, int Providers, decimal SupplyPerWeek,
    int DeliveredOrders, int ServedHouseholds, decimal ShortfallPerWeek, decimal? Coverage, int UnservedHouseholds, string Gap, string GapName);
