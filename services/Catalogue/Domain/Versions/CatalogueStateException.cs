namespace ReliefPlatform.Catalogue.Domain.Versions;

/// <summary>A move the catalogue's version workflow does not allow; the message is for the user, in Chinese.</summary>
public sealed class CatalogueStateException(string message) : InvalidOperationException(message);
