using ReliefPlatform.Funding.Apis;
using ReliefPlatform.Funding.Domain.Contracts;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Funding;

public sealed class ContractTests
{
    private static readonly CountyOptions County = new() { Townships = [new ServiceDefaults.County.Township { Code = "341525100", Name = "衡山镇", Slug = "hengshan" }] };

    [Fact]
    public void A_contracts_ceiling_is_the_sum_of_price_times_cap()
    {
        var contract = PurchaseContract.Award("HSZC-2026-001", 2026, "HS-2026-01", "p1", ["341525100"], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            [("daily-care", 60.00m, 500), ("bathing-assistance", 50.00m, 120)], "finance", DateTimeOffset.UtcNow);

        Assert.Equal(36_000.00m, contract.CeilingAmount);
    }

    [Fact]
    public void Prices_in_fen_caps_periods_townships_and_unique_items_are_checked()
    {
        var request = new ContractRequest("HSZC-2026-002", 2026, "HS-2026-01", "p1", ["341525999"], new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1),
            [new ContractItemRequest("daily-care", 60.005m, 0), new ContractItemRequest("daily-care", 60m, 10)]);

        var errors = ContractsApi.Check(request, County);

        Assert.Equal(["items[0].quantityCap", "items[0].unitPrice", "items[1].itemCode", "townships", "until"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
