namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>An item as it stands in one catalogue version: its definition, and whether it was retired in that version.</summary>
public sealed class CatalogueItem
{
    private CatalogueItem()
    {
    }

    public Guid VersionId { get; private set; }

    public string Code { get; private set; } = "";

    public string ClassCode { get; private set; } = "";

    public ItemDefinition Definition { get; private set; } = new();

    /// <summary>Retired items stay in the version so the reader sees what ended and why; they match nobody.</summary>
    public bool Retired { get; private set; }

    public string? RetiredReason { get; private set; }

    public static CatalogueItem In(Guid versionId, ItemDefinition definition) => new()
    {
        VersionId = versionId,
        Code = definition.Code,
        ClassCode = definition.ClassCode,
        Definition = definition,
    };

    /// <summary>The same item carried into a new draft.</summary>
    public CatalogueItem CopyTo(Guid versionId) => new()
    {
        VersionId = versionId,
        Code = Code,
        ClassCode = ClassCode,
        Definition = Definition,
        Retired = Retired,
        RetiredReason = RetiredReason,
    };

    public void Replace(ItemDefinition definition)
    {
        Definition = definition;
        ClassCode = definition.ClassCode;
        Retired = false;
        RetiredReason = null;
    }

    public void Retire(string reason)
    {
        Retired = true;
        RetiredReason = reason;
    }
}
