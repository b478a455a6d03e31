namespace ReliefPlatform.Contracts.Catalogue;

/// <summary>
/// A service that knows no catalogue yet (a fresh database, or it started after the catalogue was published)
/// asks Catalogue to announce every published version again.
/// </summary>
public sealed record CatalogueAnnouncementRequested(string Service, DateTimeOffset OccurredAt) : IIntegrationEvent;
