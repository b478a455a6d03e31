using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReliefPlatform.Contracts.Forwarding;
using ReliefPlatform.Township.Domain.Captures;

namespace ReliefPlatform.UnitTests.Townships;

/// <summary>
/// What a township centre queues is a typed record from Contracts; each must bind, field for field, to the request the
/// hub's endpoint reads — so renaming a field on either side fails here instead of silently dropping it from records
/// already waiting in a centre's queue.
/// </summary>
public sealed class ForwardedRecordTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static TheoryData<IForwardedRecord, Type> Records => new()
    {
        {
            new ForwardedVisit(Guid.NewGuid(), "home", new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), "独居，行动不便",
                new Dictionary<string, string[]> { ["adl-bathing"] = ["dependent"] }, "希望有人送餐"),
            typeof(ReliefPlatform.Assessment.Apis.HomeVisitRequest)
        },
        { new ForwardedConfirmation(4, "服务很好"), typeof(ReliefPlatform.Delivery.Apis.ConfirmRequest) },
        { new ForwardedComplaint(Guid.NewGuid(), Guid.NewGuid(), "ServiceQuality", "送餐迟到"), typeof(ReliefPlatform.Delivery.Apis.ComplaintRequest) },
        {
            new ForwardedRegistration("341525100", "341525100201", "低保", 2, "衡山镇某村1号",
                [new ForwardedApplicant("张三", "34152519500501002X", "户主"), new ForwardedApplicant("李四", "341525195206070013", "配偶")]),
            typeof(ReliefPlatform.Assessment.Apis.RegisterHouseholdRequest)
        },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_forwarded_record_binds_field_for_field_to_the_request_the_hub_reads(IForwardedRecord record, Type hubRequest)
    {
        var sent = JsonSerializer.SerializeToNode(record, record.GetType(), Web)!.AsObject();

        // A field the hub does not know is refused here (it would be dropped in service)…
        var read = JsonSerializer.Deserialize(sent.ToJsonString(), hubRequest, Strict);

        // …and every value sent arrives unchanged.
        var received = JsonSerializer.SerializeToNode(read, hubRequest, Web)!.AsObject();
        foreach (var (name, value) in sent)
        {
            Assert.True(received.TryGetPropertyValue(name, out var arrived), $"{hubRequest.Name} has no {name}");
            Assert.True(JsonNode.DeepEquals(value, arrived), $"{name}: sent {value?.ToJsonString()}, the hub read {arrived?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData(CaptureKind.Visit, "assessment", "/api/assessment/households/{household}/visits")]
    [InlineData(CaptureKind.Registration, "assessment", "/api/assessment/households")]
    [InlineData(CaptureKind.Confirmation, "delivery", "/api/delivery/work-orders/{subject}/confirm")]
    [InlineData(CaptureKind.Complaint, "delivery", "/api/delivery/complaints")]
    public void Where_a_capture_goes_follows_from_its_kind(CaptureKind kind, string service, string path)
    {
        var household = Guid.NewGuid();
        var subject = Guid.NewGuid();
        var capture = Capture.Take(kind, household, subject, "body", "staff", DateTimeOffset.UtcNow);

        Assert.Equal((service, path.Replace("{household}", household.ToString()).Replace("{subject}", subject.ToString())), capture.HubRoute);
    }
}
