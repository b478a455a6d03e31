namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>A test class that listens on the broker for the named integration events while its tests run (see <see cref="EventListener"/>).</summary>
public abstract class EventListeningTests(CountyAppFixture county, params Type[] eventTypes) : IAsyncLifetime
{
    private EventListener? _events;

    /// <summary>The running county, for the derived tests.</summary>
    protected CountyAppFixture County { get; } = county;

    internal EventListener Events => _events ?? throw new InvalidOperationException("The listener has not started.");

    public async Task InitializeAsync() => _events = await EventListener.StartAsync(County, eventTypes);

    public async Task DisposeAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }
    }
}
