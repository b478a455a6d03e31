using ReliefPlatform.Delivery.Apis;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Delivery;

/// <summary>Service records for tests: complete ones (staff, evidence, position) unless a test says otherwise.</summary>
internal static class ServiceRecords
{
    public static readonly GeoPoint Home = new(31.3929, 116.3330);

    public static ServiceRecord Complete(int units, string text, params string[] contentDone) =>
        new(units, text, contentDone, ["S-001"], ["photo-7f3a"], ServicePlace.Home, Home);
}

public sealed class ServiceRecordTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly string[] Required = ["协助起居", "个人卫生护理", "安全照看"];

    private static WorkOrder Started(int standardMinutes = 60)
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "341525100", "daily-care", "provider-1", 2026, "HS-2026-01", 2, 60m, standardMinutes, "caseworker", Start,
            requiredContent: Required);
        order.FundsCommitted(Start);
        order.Schedule(new DateOnly(2026, 11, 28), "provider-1", Start);
        order.CheckIn("provider-1", Start, "v1.k1.sealed-position");
        return order;
    }

    [Fact]
    public void A_complete_record_at_the_standard_is_not_flagged_and_keeps_what_was_done()
    {
        var order = Started();
        Assert.Equal("v1.k1.sealed-position", order.SealedCheckInPosition);
        order.CheckOut(ServiceRecords.Complete(2, "协助起床洗漱，检查用电安全", Required), "provider-1", Start.AddMinutes(70), ServiceRecords.Home);

        Assert.Empty(order.Flags);
        Assert.False(order.FlaggedShort);
        Assert.Equal(Required, order.ContentDone);
        Assert.Equal(["S-001"], order.Staff);
        Assert.Equal(["photo-7f3a"], order.Evidence);
        // Only what supervision needs is kept: that a position was reported and how far it moved — not where it was.
        Assert.Equal((ServicePlace.Home, true, 0), (order.Place!.Value, order.PositionReported, order.MovedMetres!.Value));
        Assert.Null(order.SealedCheckInPosition);
    }

    [Fact]
    public void Every_gap_in_a_record_is_flagged_and_the_service_still_counts_as_delivered()
    {
        var order = Started();
        var record = new ServiceRecord(2, "只做了一部分", ["协助起居"], ["S-001"], [], ServicePlace.Home, Location: null);

        order.CheckOut(record, "provider-1", Start.AddMinutes(20), ServiceRecords.Home);

        Assert.Equal(WorkOrderStatus.Delivered, order.Status);
        Assert.Equal([RecordFlags.TooShort, RecordFlags.MissingContent, RecordFlags.NoEvidence, RecordFlags.NoLocation], order.Flags);
        Assert.True(order.FlaggedShort);
    }

    [Fact]
    public void Checking_out_far_from_where_the_service_began_is_flagged_but_a_few_hundred_metres_is_not()
    {
        var near = Started();
        near.CheckOut(ServiceRecords.Complete(1, "记录", Required) with { Location = new GeoPoint(31.3950, 116.3350) }, "provider-1", Start.AddHours(1), ServiceRecords.Home);
        var far = Started();
        far.CheckOut(ServiceRecords.Complete(1, "记录", Required) with { Location = new GeoPoint(31.4300, 116.3330) }, "provider-1", Start.AddHours(1), ServiceRecords.Home);

        Assert.Empty(near.Flags);
        Assert.InRange(near.MovedMetres!.Value, 250, 350);
        Assert.Equal([RecordFlags.LocationMoved], far.Flags);
    }

    [Fact]
    public void A_remote_service_needs_no_position()
    {
        var order = Started();
        order.CheckOut(ServiceRecords.Complete(1, "电话关怀", Required) with { Place = ServicePlace.Remote, Location = null }, "provider-1", Start.AddHours(1), ServiceRecords.Home);

        Assert.Empty(order.Flags);
    }

    [Fact]
    public void The_haversine_distance_between_two_points_of_the_county_is_right_to_a_metre()
    {
        // One thousandth of a degree of latitude is 111.2 m everywhere.
        Assert.Equal(111.2, new GeoPoint(31.0, 116.0).MetresTo(new GeoPoint(31.001, 116.0)), 1);
    }

    [Fact]
    public void Request_rules_name_each_wrong_field_in_chinese()
    {
        var errors = ServiceRecordRules.Check(
            new CheckOutRequest(null, " ", ContentDone: ["打扫卫生"], Staff: [], Evidence: ["has space"], Place: "moon", Latitude: 95, Longitude: 116),
            Required);

        Assert.NotNull(errors);
        Assert.Equal(["contentDone", "evidence", "latitude", "place", "record", "staff", "units"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不是该事项服务标准的必含内容", errors["contentDone"][0], StringComparison.Ordinal);
        Assert.Null(ServiceRecordRules.Check(new CheckOutRequest(1, "协助起居", ["协助起居"], ["S-001"]), Required));
    }
}

public sealed class PlanRematchTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    private static ServicePlan Approved()
    {
        var plan = ServicePlan.Draft(Guid.NewGuid(), "341525100", Guid.NewGuid(), 1,
            [new PlanLine.Proposal("daily-care", "生活照料", 2, "Week", 60, "失能照护", ["协助起居"])], "[]", At);
        plan.Approve("caseworker", At);
        return plan;
    }

    [Fact]
    public void A_line_waiting_for_the_provider_network_is_not_an_unmet_need_and_is_due_again_after_its_delay()
    {
        var plan = Approved();
        plan.MatchLater("daily-care", "服务主体库暂时无法访问", At + ProviderMatcher.RetryDelay(1));
        var line = plan.Lines[0];

        Assert.True(line.AwaitingMatch);
        Assert.False(line.Unmet);
        Assert.Equal(At.AddSeconds(15), line.MatchRetryAt);

        plan.RecordMatch("daily-care", "provider-1", Guid.NewGuid(), "选定");
        Assert.False(line.AwaitingMatch);
        Assert.Null(line.MatchRetryAt);
        Assert.Equal(["协助起居"], line.RequiredContent);
    }

    [Fact]
    public void Retries_back_off_from_fifteen_seconds_to_five_minutes()
    {
        Assert.Equal(
            [15, 30, 60, 120, 240, 300, 300],
            Enumerable.Range(1, 7).Select(n => (int)ProviderMatcher.RetryDelay(n).TotalSeconds));
    }
}

public sealed class DeliverySealTests
{
    private static readonly DeliverySeal Seal = new(new PersonalDataProtector(Microsoft.Extensions.Options.Options.Create(new PersonalDataOptions
    {
        Keys = new() { ["k1"] = PersonalDataProtector.NewKey() },
        ActiveKey = "k1",
        IndexKey = PersonalDataProtector.NewKey(),
    })));

    [Fact]
    public void A_sealed_position_gives_nothing_away_and_opens_to_the_same_point()
    {
        var sealedPosition = Seal.SealPosition(ServiceRecords.Home);

        Assert.DoesNotContain("31.39", sealedPosition, StringComparison.Ordinal);
        Assert.DoesNotContain("116.3", sealedPosition, StringComparison.Ordinal);
        Assert.Equal(ServiceRecords.Home, Seal.OpenPosition(sealedPosition));
    }

    [Fact]
    public void Sealed_text_opens_again_blank_stays_empty_and_text_written_before_sealing_still_reads()
    {
        var sealedText = Seal.SealOptional("  协助服药，血压偏高  ")!;

        Assert.DoesNotContain("血压", sealedText, StringComparison.Ordinal);
        Assert.Equal("协助服药，血压偏高", Seal.Open(sealedText));
        Assert.Null(Seal.SealOptional("   "));
        Assert.Null(Seal.Open(null));
        Assert.Equal("探访，了解近况", Seal.Open("探访，了解近况"));
    }
}
