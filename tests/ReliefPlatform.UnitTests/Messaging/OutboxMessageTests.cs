using System.Diagnostics;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed class OutboxMessageTests
{
    private static readonly HouseholdRegistered Event = new(
        Guid.CreateVersion7(), "341525100", "341525100201", "MinimumLivingGuarantee", 3, DateTimeOffset.UtcNow);

    [Fact]
    public void An_outbox_row_carries_the_event_and_the_trace_of_the_request_that_wrote_it()
    {
        using var source = new ActivitySource("ReliefPlatform.UnitTests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var request = source.StartActivity("POST /api/assessment/households");

        var row = OutboxMessage.Create(Event, Activity.Current);

        Assert.Equal(request!.Id, row.TraceParent);
        Assert.True(IntegrationEventTypes.TryResolve(row.Type, out var type));
        Assert.Equal(typeof(HouseholdRegistered), type);
        Assert.Equal(Event, IntegrationEventTypes.Deserialize(row.Payload, type));
        Assert.Null(row.DispatchedAt);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public void Rows_written_later_get_later_ids_so_the_id_order_follows_time()
    {
        var first = OutboxMessage.Create(Event, null);
        Thread.Sleep(2);
        var second = OutboxMessage.Create(Event, null);

        Assert.True(first.Id.CompareTo(second.Id) < 0);
    }

    [Theory]
    [InlineData("System.IO.File, System.Runtime")]
    [InlineData("System.String, System.Private.CoreLib")]
    [InlineData("ReliefPlatform.Contracts.Households.NoSuchEvent, ReliefPlatform.Contracts")]
    [InlineData("")]
    public void A_stored_type_name_that_is_not_an_integration_event_never_resolves(string name) =>
        Assert.False(IntegrationEventTypes.TryResolve(name, out _));
}
