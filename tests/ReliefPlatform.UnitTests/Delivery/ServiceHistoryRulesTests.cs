using ReliefPlatform.Delivery.Apis;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.History;
using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>
/// A batch of past service records is checked against what the services know: a household Delivery knows, a provider and
/// item bought under a contract covering the household's township on the day, a day in the past and not before the pilot,
/// sane units, minutes, price and confirmation. Every error is named by its record and field, in Chinese.
/// </summary>
public sealed class ServiceHistoryRulesTests
{
    private const string Foziling = "341525101";
    private const string Provider = "provider-1";
    private static readonly Guid Household = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateOnly PilotStarts = new(2025, 1, 1);

    private static readonly KnownContract Contract = KnownContract.Learn(Guid.NewGuid(), "HT-2026-01", 2026, "HS-2026-01", Provider, [Foziling],
        new DateOnly(2025, 12, 1), new DateOnly(2026, 12, 31), "daily-care", 60.00m, quantityCap: 10);

    private static ServiceHistoryFacts Facts(int unitsOrdered = 0) => new(
        new Dictionary<Guid, string> { [Household] = Foziling }, [Contract],
        new Dictionary<(Guid, string), int> { [(Contract.ContractId, "daily-care")] = unitsOrdered }, Today, PilotStarts, MaxRecords: 100);

    private static HistoricalServiceRequest Record(
        DateOnly? on = null, int units = 2, int minutes = 90, decimal? price = null, bool? confirmed = true, int? satisfaction = 5, DateOnly? confirmedOn = null,
        string item = "daily-care", string provider = Provider, Guid? household = null) =>
        new(household ?? Household, item, provider, on ?? new DateOnly(2026, 3, 14), units, minutes, price, confirmed, satisfaction, confirmedOn);

    private static (Dictionary<string, string[]> Errors, List<MigratedService> Services) Check(params HistoricalServiceRequest?[] records) =>
        ServiceHistoryRules.Check(new ServiceHistoryRequest("霍山县2026年服务台账-1", records), Facts());

    [Fact]
    public void A_good_record_is_bound_to_its_contract_which_gives_the_project_year_and_price()
    {
        var (errors, services) = Check(Record(confirmedOn: new DateOnly(2026, 3, 16)), Record(confirmed: false, satisfaction: null, price: 50.00m));

        Assert.Empty(errors);
        Assert.Equal(2, services.Count);
        var first = services[0];
        Assert.Equal((Contract.ContractId, 2026, "HS-2026-01", Foziling, 60.00m), (first.ContractId, first.Year, first.ProjectCode, first.TownshipCode, first.UnitPrice));
        Assert.Equal((5, new DateOnly(2026, 3, 16)), (first.Satisfaction!.Value, first.ConfirmedOn!.Value));
        Assert.Equal((false, (int?)null, (DateOnly?)null, 50.00m), (services[1].Confirmed, services[1].Satisfaction, services[1].ConfirmedOn, services[1].UnitPrice));
    }

    [Fact]
    public void A_confirmation_without_a_day_is_taken_on_the_service_day()
    {
        var service = Check(Record()).Services.Single();
        Assert.Equal(service.DeliveredOn, service.ConfirmedOn);
    }

    [Fact]
    public void Days_today_or_later_and_before_the_pilot_are_refused()
    {
        foreach (var day in new[] { Today, Today.AddDays(3), PilotStarts.AddDays(-1) })
        {
            var (errors, services) = Check(Record(on: day));
            Assert.Equal(["服务日期须早于今天，且不早于试点开始日（2025-01-01）。"], errors["records[0].deliveredOn"]);
            Assert.Empty(services);
        }
    }

    [Fact]
    public void A_day_outside_the_contract_a_household_not_known_and_a_provider_without_contract_are_refused_by_field()
    {
        var (errors, _) = Check(
            Record(on: new DateOnly(2025, 6, 1)),
            Record(household: Guid.NewGuid()),
            Record(provider: "provider-unknown"),
            Record(item: "bathing-assistance"));

        Assert.Equal(["服务日期不在该服务主体覆盖本乡镇该事项的购买合同期内。"], errors["records[0].deliveredOn"]);
        Assert.Equal(["找不到该服务对象家庭（须先在平台登记）。"], errors["records[1].householdId"]);
        Assert.Equal(["该服务主体没有登记的购买服务合同，无法迁移其服务记录。"], errors["records[2].providerId"]);
        Assert.Equal(["该服务主体的购买合同不含这项服务事项。"], errors["records[3].itemCode"]);
    }

    [Fact]
    public void Units_minutes_and_price_must_be_sane_and_the_price_not_above_the_contracts()
    {
        var (errors, _) = Check(Record(units: 0, minutes: 0, price: 60.005m), Record(minutes: 721, price: 61.00m), Record(price: -1m));

        Assert.Equal(["服务数量为 1–1000。"], errors["records[0].units"]);
        Assert.Equal(["服务时长为 1–720 分钟。"], errors["records[0].minutes"]);
        Assert.Equal(["单价以元为单位，精确到分，不能为负数。"], errors["records[0].unitPrice"]);
        Assert.Equal(["服务时长为 1–720 分钟。"], errors["records[1].minutes"]);
        Assert.Equal(["单价不能高于合同单价（60.00 元）。"], errors["records[1].unitPrice"]);
        Assert.Equal(["单价以元为单位，精确到分，不能为负数。"], errors["records[2].unitPrice"]);
    }

    [Fact]
    public void The_contracts_cap_counts_what_was_ordered_and_every_earlier_record_of_the_batch()
    {
        var (errors, _) = ServiceHistoryRules.Check(
            new ServiceHistoryRequest("台账-2", [Record(units: 4), Record(units: 3), Record(units: 1)]), Facts(unitsOrdered: 3));

        // 3 ordered + 4 = 7; + 3 = 10 (the cap); the third record's one unit is over it.
        Assert.Equal(["records[2].units"], errors.Keys);
        Assert.Equal(["超出合同（HT-2026-01）该事项的数量上限，剩余 0。"], errors["records[2].units"]);
    }

    [Fact]
    public void A_confirmation_needs_a_score_and_a_day_between_the_service_and_today_and_an_unconfirmed_record_has_neither()
    {
        var (errors, _) = Check(
            Record(satisfaction: null),
            Record(satisfaction: 6, confirmedOn: new DateOnly(2026, 3, 13)),
            Record(confirmed: false, satisfaction: 4, confirmedOn: new DateOnly(2026, 3, 15)));

        Assert.Equal(["已确认的服务须填写满意度（1–5 分）。"], errors["records[0].satisfaction"]);
        Assert.Equal(["已确认的服务须填写满意度（1–5 分）。"], errors["records[1].satisfaction"]);
        Assert.Equal(["确认日期不能早于服务日期，且须早于今天。"], errors["records[1].confirmedOn"]);
        Assert.Equal(["未经服务对象确认的服务不填满意度。"], errors["records[2].satisfaction"]);
        Assert.Equal(["未经服务对象确认的服务不填确认日期。"], errors["records[2].confirmedOn"]);
    }

    [Fact]
    public void A_batch_needs_a_source_reference_and_between_one_and_the_most_records()
    {
        var none = ServiceHistoryRules.Check(new ServiceHistoryRequest(" ", []), Facts()).Errors;
        Assert.Equal(["records", "sourceReference"], none.Keys.Order(StringComparer.Ordinal));
        var tooMany = ServiceHistoryRules.Check(new ServiceHistoryRequest("台账-3", [.. Enumerable.Range(0, 101).Select(_ => Record())]), Facts()).Errors;
        Assert.Equal(["请列出要迁移的历史服务记录（每批 1–100 条）。"], tooMany["records"]);
        Assert.Equal(["记录为空。"], Check(Record(), null).Errors["records[1]"]);
    }

    [Fact]
    public void A_migrated_service_becomes_a_closed_order_with_each_step_when_it_happened_and_no_move_left()
    {
        var service = Check(Record(minutes: 90, confirmedOn: new DateOnly(2026, 3, 16))).Services.Single();
        var batch = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

        var order = WorkOrder.Migrate(service, batch, "county-admin-1", now);

        Assert.Equal((WorkOrderStatus.Closed, batch, true), (order.Status, order.MigrationBatchId!.Value, order.Migrated));
        Assert.Empty(order.AllowedMoves());
        Assert.Empty(order.Flags);
        Assert.Equal((2, 90, 5, 120.00m), (order.DeliveredUnits!.Value, order.Minutes!.Value, order.Satisfaction!.Value, order.Amount));
        var started = new DateTimeOffset(2026, 3, 14, 8, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(started, order.CreatedAt);
        // Stored times are UTC (PostgreSQL's timestamptz takes no other offset).
        Assert.All(order.Steps.Take(2).Select(s => s.At).Append(order.CreatedAt), at => Assert.Equal(TimeSpan.Zero, at.Offset));
        Assert.Equal(
            [(WorkOrderStatus.Delivered, started.AddMinutes(90)), (WorkOrderStatus.Confirmed, new DateTimeOffset(2026, 3, 16, 20, 0, 0, TimeSpan.FromHours(8))),
                (WorkOrderStatus.Closed, now)],
            order.Steps.Select(s => (s.To, s.At)));
        Assert.Null(order.OverdueDeadline(now));
    }

    [Fact]
    public void An_unconfirmed_migrated_service_is_closed_without_a_score()
    {
        var service = Check(Record(confirmed: false, satisfaction: null)).Services.Single();

        var order = WorkOrder.Migrate(service, Guid.NewGuid(), "county-admin-1", DateTimeOffset.UtcNow);

        Assert.Equal([WorkOrderStatus.Delivered, WorkOrderStatus.Closed], order.Steps.Select(s => s.To));
        Assert.Null(order.Satisfaction);
        Assert.Null(order.ConfirmedVia);
    }
}
