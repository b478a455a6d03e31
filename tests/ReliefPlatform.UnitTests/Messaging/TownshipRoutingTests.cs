using ReliefPlatform.Contracts.Catalogue;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Routing;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>The keys events are published under and the exchanges a centre's queues are bound through.</summary>
public sealed class TownshipRoutingTests
{
    [Fact]
    public void A_township_event_goes_under_its_townships_code()
    {
        var closed = new ComplaintClosed(Guid.NewGuid(), Guid.NewGuid(), "341525103", DateTimeOffset.UtcNow);

        Assert.Equal("341525103", TownshipRouting.RoutingKeyOf(closed));
    }

    [Fact]
    public void A_move_between_townships_goes_to_every_centre_so_both_hear_of_it()
    {
        var moved = new HouseholdMoved(Guid.NewGuid(), "341525100", "341525103", "341525103201", "特困供养", 2, "Serious",
            new DateOnly(2026, 12, 31), DateTimeOffset.UtcNow);

        Assert.Equal("county", TownshipRouting.RoutingKeyOf(moved));
    }

    [Fact]
    public void An_event_that_is_not_a_townships_has_no_routing_key()
    {
        Assert.Null(TownshipRouting.RoutingKeyOf(new CatalogueAnnouncementRequested("provider", DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void The_by_township_exchange_sits_beside_the_exchange_MassTransit_publishes_the_event_to()
    {
        Assert.Equal("ReliefPlatform.Contracts.Delivery:ComplaintClosed", TownshipRouting.MessageExchangeOf(typeof(ComplaintClosed)));
        Assert.Equal("ReliefPlatform.Contracts.Delivery:ComplaintClosed.by-township", TownshipRouting.ByTownshipExchangeOf(typeof(ComplaintClosed)));
    }

    [Fact]
    public void A_centre_is_bound_under_its_own_code_and_the_county_wide_key()
    {
        Assert.Equal(["341525100", "county"], new TownshipSubscription("341525100").RoutingKeys);
    }

    [Fact]
    public void A_cluster_is_every_member_named_and_one_node_is_the_connection_strings_alone()
    {
        var cluster = BrokerAddress.Parse("amqp://relief:secret@127.0.0.1:5672", "127.0.0.1:5672, 127.0.0.1:5674,127.0.0.1:5676");
        var single = BrokerAddress.Parse("amqp://relief:secret@127.0.0.1:5672", null);

        Assert.Equal(["127.0.0.1:5672", "127.0.0.1:5674", "127.0.0.1:5676"], cluster.Nodes);
        Assert.Empty(single.Nodes);
        Assert.Equal(5672, single.Uri.Port);
    }
}
