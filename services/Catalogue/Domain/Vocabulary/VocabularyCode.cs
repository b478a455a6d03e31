namespace ReliefPlatform.Catalogue.Domain.Vocabulary;

/// <summary>
/// A code the catalogue's rules may name (a household category, a need code of the assessment instrument, an
/// existing policy …). Rules that name a code not in the vocabulary are refused, so a typo cannot make an item
/// silently match nobody. Seeded from the county's reference data and extensible as data.
/// </summary>
public sealed class VocabularyCode
{
    private VocabularyCode()
    {
    }

    public string Kind { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string NameZh { get; private set; } = "";

    public int SortOrder { get; private set; }

    public static VocabularyCode Define(string kind, string code, string nameZh, int sortOrder) =>
        new() { Kind = kind, Code = code, NameZh = nameZh, SortOrder = sortOrder };
}
